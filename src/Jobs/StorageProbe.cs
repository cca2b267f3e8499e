using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>Whether the job database answers, for health checks.</summary>
public sealed class StorageProbe
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal StorageProbe(IDbContextFactory<TrainDbContext> dbFactory)
    {
        this.dbFactory = dbFactory;
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }
}
