using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>Whether the job database answers, for health checks.</summary>
public sealed class StorageProbe(IDbContextFactory<TrainDbContext> dbFactory)
{
    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }
}
