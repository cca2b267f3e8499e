using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrainService.Jobs.Persistence;
using TorchSharp;

namespace TrainService.Api.Hosting;

/// <summary>Healthy when the database answers and libtorch can make a tensor.</summary>
public sealed class TrainServiceHealthCheck(IDbContextFactory<TrainDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Database.CanConnectAsync(ct))
            return HealthCheckResult.Unhealthy("database unreachable");
        using var scope = torch.NewDisposeScope();
        return torch.ones(2).sum().item<float>() == 2f
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("libtorch returned a wrong sum");
    }
}
