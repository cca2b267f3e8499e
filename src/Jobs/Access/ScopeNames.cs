using TrainService.Contracts.Access;

namespace TrainService.Jobs.Access;

/// <summary>Scopes by the names the API, the CLI and the keys table use.</summary>
public static class ScopeNames
{
    public static string Name(Scope scope) => scope.ToString().ToLowerInvariant();

    public static Scope? Parse(string name) =>
        Enum.GetValues<Scope>().Cast<Scope?>().FirstOrDefault(s => Name(s!.Value) == name.Trim().ToLowerInvariant());

    public static string All => string.Join(", ", Enum.GetValues<Scope>().Select(Name));
}
