using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// The live-worker registry: a process that trains writes its row (name, device, capacity) at start,
/// refreshes its heartbeat while it runs and removes the row when it stops. A row whose heartbeat is
/// older than TrainService:WorkerLostAfter belongs to a worker that died.
/// </summary>
internal sealed class WorkerRegistry(IDbContextFactory<TrainDbContext> dbFactory, WorkerIdentity worker, IOptions<TrainServiceOptions> options, TimeProvider clock, ILogger<WorkerRegistry> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Role.Trains()) return;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var now = clock.GetUtcNow();
            db.Workers.Add(new WorkerRow
            {
                Instance = worker.Instance, Name = worker.Name, Device = DeviceName(options.Value.Device),
                Capacity = options.Value.TrainingWorkers, StartedAt = now, HeartbeatAt = now,
            });
            await db.SaveChangesAsync(ct);
        }
        logger.LogInformation("Worker {Worker} trains up to {Capacity} jobs at once on {Device}", worker.Name, options.Value.TrainingWorkers, DeviceName(options.Value.Device));
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerLostAfter / 3, clock);
        while (await WaitAsync(timer, stopping))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stopping);
                var now = clock.GetUtcNow();
                await db.Workers.Where(w => w.Instance == worker.Instance).ExecuteUpdateAsync(set => set.SetProperty(w => w.HeartbeatAt, now), stopping);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Worker heartbeat failed; retrying");
            }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (!options.Value.Role.Trains()) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Workers.Where(w => w.Instance == worker.Instance).ExecuteDeleteAsync(ct);
        }
        catch (Exception error) when (error is ObjectDisposedException or OperationCanceledException or DbException)
        {
            // A row left behind stops counting as live once its heartbeat is WorkerLostAfter old.
            logger.LogWarning("Worker {Worker} could not remove its registry row at stop: {Reason}", worker.Name, error.Message);
        }
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static string DeviceName(ComputeDevice device) => device.ToString().ToLowerInvariant();
}

/// <summary>Reads the registry: which devices some live worker trains on.</summary>
internal sealed class LiveWorkers(IDbContextFactory<TrainDbContext> dbFactory, IOptions<TrainServiceOptions> options, TimeProvider clock)
{
    public async Task<bool> AnyOnAsync(ComputeDevice device, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow() - options.Value.WorkerLostAfter;
        string name = WorkerRegistry.DeviceName(device);
        return await db.Workers.AnyAsync(w => w.Device == name && w.HeartbeatAt > since, ct);
    }
}
