using TrainService.Contracts.Access;

namespace TrainService.Api.Access;

/// <summary>What an endpoint declares about access: the scope it needs, or that it needs no key (<see cref="Scope"/> null).</summary>
public sealed record RequiredScope(Scope? Scope)
{
    public static RequiredScope None { get; } = new((Scope?)null);
}

/// <summary>
/// The one line every endpoint (or its group) carries: <c>.RequireScope(Scope.Submit)</c> or
/// <c>.AllowWithoutKey()</c>. A test enumerates the app's endpoints and fails on one without it;
/// one that slips through anyway falls to the admin-only fallback policy.
/// </summary>
public static class EndpointScopes
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, Scope scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequiredScope(scope)).RequireAuthorization(ScopePolicies.Name(scope));

    /// <summary>Open to anyone who can reach the port, in every mode (health, Prometheus metrics).</summary>
    public static TBuilder AllowWithoutKey<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(RequiredScope.None).AllowAnonymous();

    /// <summary>The highest scope the endpoint's metadata asks for (a group's and its own); null when it needs none or declares nothing.</summary>
    public static Scope? Needed(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<RequiredScope>().Select(r => r.Scope).Where(s => s is not null).Max();
}
