using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Persistence;
using TorchSharp;

namespace TrainService.Jobs;

/// <summary>
/// Runs before the workers start: creates the data folder and schema, switches SQLite to WAL
/// (readers never block the writer) and sizes libtorch's thread pool for the worker count.
/// </summary>
public sealed class StorageInitializer(IDbContextFactory<TrainDbContext> dbFactory, IOptions<TrainServiceOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.EnsureCreatedAsync(ct);
            await AdditiveColumns.AddMissingAsync(db, ct);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // Process-wide in libtorch: set once, from validated options (n ≤ 0 would abort the process).
        torch.set_num_threads(settings.EffectiveTorchThreads);
        logger.LogInformation("Data in {DataDirectory}; {Workers} training workers with {Threads} torch threads each",
            Path.GetFullPath(settings.DataDirectory), settings.TrainingWorkers, settings.EffectiveTorchThreads);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
