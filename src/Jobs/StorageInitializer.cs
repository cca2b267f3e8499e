using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>
/// Runs before the workers start: creates the data folder and schema and switches SQLite to WAL
/// (readers never block the writer).
/// </summary>
internal sealed class StorageInitializer(IDbContextFactory<TrainDbContext> dbFactory, IOptions<TrainServiceOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.EnsureCreatedAsync(ct);
            // Tables first: a column added later may belong to a table added later.
            await AdditiveTables.AddMissingAsync(db, ct);
            await AdditiveColumns.AddMissingAsync(db, ct);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        logger.LogInformation("Data in {DataDirectory}", Path.GetFullPath(settings.DataDirectory));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
