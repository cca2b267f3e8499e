using Microsoft.AspNetCore.Authorization;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>One authorization policy per scope: an authenticated caller whose key holds that scope or a higher one.</summary>
public static class ScopePolicies
{
    public static string Name(Scope scope) => "scope:" + ScopeNames.Name(scope);

    public static void Add(AuthorizationOptions options)
    {
        foreach (var scope in Enum.GetValues<Scope>())
            options.AddPolicy(Name(scope), policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        // An endpoint that declares nothing is admin-only: forgetting a declaration never opens a door.
        options.FallbackPolicy = options.GetPolicy(Name(Scope.Admin));
    }
}

public sealed record ScopeRequirement(Scope Scope) : IAuthorizationRequirement;

sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (Caller.ScopeOf(context.User) is { } held && held >= requirement.Scope) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
