using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

public static class AccessSetup
{
    public const string DashboardPath = "/hangfire";
    const string CorsSection = "TrainService:Cors:AllowedOrigins";

    /// <summary>API keys (or the local user in Auth:Mode none), scope policies, ownership, per-key rate limits, CORS.</summary>
    public static IServiceCollection AddTrainServiceAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentOwner, HttpCurrentOwner>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(ScopePolicies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddHostedService<BootstrapAdminKey>();
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerKey);
            limits.OnRejected = RejectAsync;
        });
        string[] origins = configuration.GetSection(CorsSection).Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()));
        return services;
    }

    /// <summary>CORS, then who is calling, then their rate, then whether the endpoint lets them.</summary>
    public static WebApplication UseTrainServiceAccess(this WebApplication app)
    {
        // No origins configured: no CORS headers at all, so browsers keep other sites out.
        if (app.Configuration.GetSection(CorsSection).Get<string[]>() is { Length: > 0 }) app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A token bucket per API key; requests without a key (the local user, health probes, 401s) are not limited.</summary>
    static RateLimitPartition<string> PerKey(HttpContext context)
    {
        var access = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        if (Caller.KeyIdOf(context.User) is not { } keyId || access.RequestsPerSecond == 0) return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = access.RequestBurst,
            TokensPerPeriod = access.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });
    }

    static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var response = rejected.HttpContext.Response;
        int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key made more than its {rejected.HttpContext.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.RequestsPerSecond} requests per second; retry after {seconds} seconds.",
            },
        });
    }
}
