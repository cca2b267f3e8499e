using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Api.Access;
using TrainService.Contracts.Access;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// Every endpoint of the app, read from its EndpointDataSource, declares who may call it
/// (<c>.RequireScope(…)</c> or <c>.AllowWithoutKey()</c>); an endpoint added without one fails
/// here. Writes need at least <c>submit</c>, except the two POSTs that only compute.
/// </summary>
public sealed class EndpointScopeTests : ServiceTest
{
    /// <summary>POSTs that change nothing: validate a spec, predict with a trained model.</summary>
    static readonly HashSet<string> ReadOnlyPosts = ["ValidateSpec", "Predict"];

    IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = Client; // the host is built
        return Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(',', endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {endpoint.RoutePattern.RawText}";

    [Fact]
    public void EveryEndpoint_DeclaresItsScope_OrThatItNeedsNoKey()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<RequiredScope>() is null).Select(Describe).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void OnlyProbesAndMetrics_NeedNoKey()
    {
        var open = Endpoints().Where(e => e.Metadata.GetMetadata<RequiredScope>() is { } r && EndpointScopes.Needed(e) is null)
            .Select(e => e.RoutePattern.RawText).Order().ToList();
        Assert.Equal(["/health", "/health/live", "/health/ready", "/metrics"], open);
    }

    [Fact]
    public void EveryWrite_NeedsSubmitOrMore_AndKeysAndTheDashboardNeedAdmin()
    {
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            string? name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var scope = EndpointScopes.Needed(endpoint);
            bool writes = methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") && !ReadOnlyPosts.Contains(name ?? "");
            if (writes && scope is not (Scope.Submit or Scope.Admin)) wrong.Add($"{Describe(endpoint)} writes but needs {scope?.ToString() ?? "no key"}");
            bool adminOnly = endpoint.RoutePattern.RawText!.StartsWith("/api/keys") || endpoint.RoutePattern.RawText.StartsWith(AccessSetup.DashboardPath);
            if (adminOnly && scope != Scope.Admin) wrong.Add($"{Describe(endpoint)} needs {scope}, not admin");
        }
        Assert.Empty(wrong);
    }
}
