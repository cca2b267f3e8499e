using System.Security.Claims;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>The claims a request carries once authenticated: the key's owner, its highest scope and id.</summary>
public static class Caller
{
    public const string OwnerClaim = "trainservice:owner", ScopeClaim = "trainservice:scope", KeyIdClaim = "trainservice:key";

    public static ClaimsPrincipal From(AuthenticatedKey key, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, key.Name),
        new Claim(OwnerClaim, key.Owner),
        new Claim(ScopeClaim, ScopeNames.Name(key.Scope)),
        new Claim(KeyIdClaim, key.Id.ToString()),
    ], scheme));

    /// <summary>Auth:Mode none: one local user who may do everything and owns nothing in particular.</summary>
    public static ClaimsPrincipal Local(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, "local"),
        new Claim(OwnerClaim, ""),
        new Claim(ScopeClaim, ScopeNames.Name(Scope.Admin)),
    ], scheme));

    public static Scope? ScopeOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(ScopeClaim)?.Value is { } name ? ScopeNames.Parse(name) : null;

    public static string? KeyIdOf(ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;

    public static OwnerVisibility VisibilityOf(ClaimsPrincipal user) => ScopeOf(user) switch
    {
        null => OwnerVisibility.Nothing,
        var scope => new OwnerVisibility(user.FindFirst(OwnerClaim)?.Value ?? OwnerVisibility.Nothing.Owner, scope == Scope.Admin),
    };
}

/// <summary>The owner view of the HTTP request in flight; no request (a worker, start-up) sees everything.</summary>
sealed class HttpCurrentOwner(IHttpContextAccessor http) : ICurrentOwner
{
    public OwnerVisibility Current => http.HttpContext is { } context ? Caller.VisibilityOf(context.User) : OwnerVisibility.Everything;
}
