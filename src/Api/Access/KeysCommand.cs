using TrainService.Contracts.Access;
using TrainService.Jobs;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>
/// <c>TrainService.Api keys create --name NAME --scopes read,submit[,admin] [--owner OWNER]</c>,
/// <c>keys list</c>, <c>keys revoke ID</c>: manage keys in the configured data folder without
/// starting the web host. The created key is printed once, to standard output; it is never logged.
/// </summary>
public static class KeysCommand
{
    static readonly string[] Options = ["--name", "--owner", "--scopes"];

    public static bool IsInvoked(string[] args) => args is ["keys", ..];

    /// <summary>Splits the command's own words from the rest, which configure the host (e.g. --TrainService:DataDirectory=…).</summary>
    public static (string[] Command, string[] Host) Split(string[] args)
    {
        if (!IsInvoked(args)) return ([], args);
        var command = new List<string> { args[0] };
        var host = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (Options.Contains(args[i]) && i + 1 < args.Length) { command.Add(args[i]); command.Add(args[++i]); }
            else if (!args[i].StartsWith('-') && command.Count < 3) command.Add(args[i]);
            else host.Add(args[i]);
        }
        return (command.ToArray(), host.ToArray());
    }

    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        await app.Services.InitializeTrainServiceStorageAsync(CancellationToken.None);
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var options = Enumerable.Range(0, command.Length - 1).Where(i => command[i].StartsWith("--")).ToDictionary(i => command[i], i => command[i + 1]);
        switch (command)
        {
            case [_, "create", ..]:
                if (options.GetValueOrDefault("--name") is not { Length: > 0 } name) return Usage("--name is required");
                var scopes = (options.GetValueOrDefault("--scopes") ?? "read").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ScopeNames.Parse).ToList();
                if (scopes.Count == 0 || scopes.Contains(null)) return Usage($"--scopes must list some of: {ScopeNames.All}");
                var created = await keys.CreateAsync(name, options.GetValueOrDefault("--owner") ?? name, scopes.Select(s => s!.Value).ToList(), CancellationToken.None);
                Console.Out.WriteLine(created.Key);
                Console.Error.WriteLine($"Created key {created.Details.Id} ({created.Details.Name}, owner {created.Details.Owner}, scopes {string.Join(',', created.Details.Scopes.Select(ScopeNames.Name))}). It is shown only this once.");
                return 0;
            case [_, "list"]:
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                    Console.Out.WriteLine($"{key.Id}  {key.Prefix}…  {key.Name}  owner={key.Owner}  scopes={string.Join(',', key.Scopes.Select(ScopeNames.Name))}  {(key.RevokedAt is { } at ? $"revoked {at:O}" : "active")}");
                return 0;
            case [_, "revoke", var id] when Guid.TryParse(id, out var keyId):
                if (await keys.RevokeAsync(keyId, CancellationToken.None) is null) return Usage($"no key has id {keyId}");
                Console.Error.WriteLine($"Revoked key {keyId}.");
                return 0;
            default:
                return Usage("unknown keys command");
        }
    }

    static int Usage(string problem)
    {
        Console.Error.WriteLine($"""
            {problem}
            usage: keys create --name NAME [--owner OWNER] [--scopes {string.Join(',', Enum.GetValues<Scope>().Select(ScopeNames.Name))}]
                   keys list
                   keys revoke KEY-ID
            """);
        return 2;
    }
}
