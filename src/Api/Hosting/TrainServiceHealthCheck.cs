using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrainService.Jobs;
using TrainService.Models.Runtime;

namespace TrainService.Api.Hosting;

/// <summary>Ready when the database answers, the Hangfire storage answers, the artifact store round-trips a blob and libtorch can make a tensor.</summary>
public sealed class TrainServiceHealthCheck(StorageProbe storage, Hangfire.JobStorage hangfire) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        if (!await storage.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("database unreachable");
        if (!HangfireAnswers()) return HealthCheckResult.Unhealthy("Hangfire storage unreachable");
        if (!storage.ArtifactsWritable()) return HealthCheckResult.Unhealthy("artifact store cannot write and read back a blob");
        return TorchRuntime.Computes() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("libtorch does not compute");
    }

    bool HangfireAnswers()
    {
        try
        {
            hangfire.GetMonitoringApi().GetStatistics();
            return true;
        }
        catch (Exception)
        {
            return false; // any failure of the storage means: not ready
        }
    }
}
