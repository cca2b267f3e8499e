using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrainService.Jobs;
using TrainService.Models.Runtime;

namespace TrainService.Api.Hosting;

/// <summary>Healthy when the database answers and libtorch can make a tensor.</summary>
public sealed class TrainServiceHealthCheck(StorageProbe storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        if (!await storage.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("database unreachable");
        return TorchRuntime.Computes() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("libtorch does not compute");
    }
}
