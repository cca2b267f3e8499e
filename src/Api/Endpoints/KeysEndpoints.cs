using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Api.Access;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Endpoints;

public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireScope(Scope.Admin);
        keys.MapPost("/", Create).WithName("CreateApiKey")
            .WithSummary("Create an API key for an owner with scopes; the response is the only time the key is shown")
            .Accepts<CreateApiKeyRequest>("application/json");
        keys.MapGet("/", List).WithName("ListApiKeys").WithSummary("Every API key: id, prefix, name, owner, scopes, created and revoked times (never the key)");
        keys.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key; it is refused (401) from the next request on");
        return app;
    }

    static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> Create(HttpRequest request, ApiKeyStore keys, CancellationToken ct)
    {
        var (body, errors) = await JsonBodyReader.ReadAsync<CreateApiKeyRequest>(request, ct);
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The key request is malformed");
        var problems = new Dictionary<string, string[]>();
        if (body!.Name is not { Length: >= 1 and <= 200 }) problems["$.name"] = ["must have 1 to 200 characters"];
        if (body.Owner is { } owner && !IsOwnerName(owner)) problems["$.owner"] = ["must have 1 to 200 letters, digits or . _ @ -"];
        if (body.Owner is null && body.Name is { Length: >= 1 and <= 200 } name && !IsOwnerName(name))
            problems["$.owner"] = ["is needed when the name is not a valid owner (1 to 200 letters, digits or . _ @ -)"];
        if (body.Scopes is not { Count: > 0 }) problems["$.scopes"] = [$"must list at least one of: {ScopeNames.All}"];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "The key request is invalid");
        var created = await keys.CreateAsync(body.Name, body.Owner ?? body.Name, body.Scopes, ct);
        return TypedResults.Created($"/api/keys/{created.Details.Id}", created);
    }

    static async Task<Ok<IReadOnlyList<ApiKeyResponse>>> List(ApiKeyStore keys, CancellationToken ct) => TypedResults.Ok(await keys.ListAsync(ct));

    static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Revoke(Guid id, ApiKeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct) is { } key
            ? TypedResults.Ok(key)
            : TypedResults.Problem(title: "API key not found", detail: $"No API key has id {id}.", statusCode: StatusCodes.Status404NotFound);

    static bool IsOwnerName(string owner) =>
        owner.Length is >= 1 and <= 200 && owner.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');
}
