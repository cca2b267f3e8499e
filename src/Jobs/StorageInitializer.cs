using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>
/// Runs before the workers start: creates the data folder, applies pending migrations (one process
/// at a time, under <see cref="MigrationLock"/>) and switches SQLite to WAL (readers never block the writer).
/// </summary>
internal sealed class StorageInitializer(IDbContextFactory<TrainDbContext> dbFactory, IOptions<TrainServiceOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using (await MigrationLock.AcquireAsync(db, ct))
            {
                if (await LegacySchemaBaseline.ApplyIfNeededAsync(db, ct))
                    logger.LogInformation("Database made before migrations: recorded as at migration {Migration}", db.Database.GetMigrations().First());
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                await db.Database.MigrateAsync(ct);
                if (pending.Count > 0) logger.LogInformation("Applied migrations {Migrations}", pending);
            }
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        logger.LogInformation("Data in {DataDirectory}", Path.GetFullPath(settings.DataDirectory));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
