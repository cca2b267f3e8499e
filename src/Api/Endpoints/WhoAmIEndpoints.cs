using System.Security.Claims;
using Microsoft.Extensions.Options;
using TrainService.Api.Access;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Endpoints;

/// <summary>
/// <c>GET /api/whoami</c>: the results page asks it to learn whether it needs a key and whether the one it
/// holds still works (401) before it draws a view; notebooks use it to check a key once.
/// </summary>
public static class WhoAmIEndpoints
{
    public static IEndpointRouteBuilder MapWhoAmIEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/whoami", WhoAmI).WithName("WhoAmI").WithTags("Keys").RequireScope(Scope.Read)
            .WithSummary("The caller as the service sees it: auth mode, key name, owner and scope (401 without a valid key in keys mode)");
        return app;
    }

    static CallerResponse WhoAmI(ClaimsPrincipal user, IOptions<AccessOptions> access) => new(
        access.Value.Mode == AuthMode.Keys ? "keys" : "none",
        user.Identity?.Name ?? "",
        user.FindFirst(Caller.OwnerClaim)?.Value ?? "",
        Caller.ScopeOf(user) ?? Scope.Read);
}
