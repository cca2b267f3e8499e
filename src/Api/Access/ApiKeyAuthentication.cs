using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>
/// Reads a key from <c>Authorization: Bearer</c>, <c>X-Api-Key</c> or (for the Hangfire
/// dashboard, since a browser cannot send a bearer header) <c>Authorization: Basic</c> with the
/// key as password, and checks it against the keys table on every request. In Auth:Mode none
/// every request is the local user, who may do everything.
/// </summary>
sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, IOptions<AccessOptions> access, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyHeader = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (access.Value.Mode == AuthMode.None) return Success(Caller.Local(SchemeName));
        if (PresentedKey(Request) is not { } presented) return AuthenticateResult.NoResult();
        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        return key is null ? AuthenticateResult.Fail("unknown or revoked API key") : Success(Caller.From(key, SchemeName));
    }

    AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal user) => AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));

    static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[KeyHeader] is [{ Length: > 0 } header]) return header.Trim();
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return BasicPassword(authorization["Basic ".Length..].Trim());
        return null;
    }

    /// <summary>The password of <c>user:password</c>; the user name is ignored (the key says who it is).</summary>
    static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out int length)) return null;
        string pair = Encoding.UTF8.GetString(bytes, 0, length);
        int colon = pair.IndexOf(':');
        return colon < 0 ? null : pair[(colon + 1)..];
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The dashboard is opened in a browser: a Basic challenge makes it ask for the key.
        bool dashboard = Request.Path.StartsWithSegments(AccessSetup.DashboardPath);
        Response.Headers.WWWAuthenticate = dashboard ? "Basic realm=\"TrainService\", charset=\"UTF-8\"" : "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "A valid API key is required",
            $"Send an API key as 'Authorization: Bearer <key>' or '{KeyHeader}: <key>'; a revoked or unknown key is refused.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint() is { } endpoint ? EndpointScopes.Needed(endpoint) ?? Scope.Admin : Scope.Admin;
        string held = Caller.ScopeOf(Context.User) is { } scope ? ScopeNames.Name(scope) : "none";
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key's scope does not allow this",
            $"This needs the '{ScopeNames.Name(needed)}' scope; the key has '{held}'.");
    }

    async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
