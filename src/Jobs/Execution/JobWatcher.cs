using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrainService.Jobs.Execution;

/// <summary>
/// Runs beside a training job from its claim to its release: polls for a cancel request (made by any
/// API process) and keeps the job's lease alive. Renewals count from the claim, not from the watcher's
/// start, so however long the claim took to become a running watcher, the lease is renewed every third of
/// its duration (plus one poll interval) and never runs out while its holder lives.
/// </summary>
internal sealed class JobWatcher(JobProgress progress, JobLease lease, IOptions<TrainServiceOptions> options, TimeProvider clock, ILogger<JobWatcher> logger)
{
    /// <summary>Cancels <paramref name="cancel"/> when a cancel request arrives; returns once it is cancelled either way.</summary>
    public async Task WatchAsync(Guid jobId, DateTimeOffset claimedAt, CancellationTokenSource cancel)
    {
        using var timer = new PeriodicTimer(options.Value.CancelPollInterval, clock);
        var renewEvery = lease.Duration / 3;
        var renewed = claimedAt;
        try
        {
            while (await timer.WaitForNextTickAsync(cancel.Token))
            {
                try
                {
                    if (await progress.IsCancelRequestedAsync(jobId, cancel.Token))
                    {
                        await cancel.CancelAsync();
                        return;
                    }
                    if (clock.GetUtcNow() - renewed > renewEvery)
                    {
                        await lease.RenewAsync(jobId, cancel.Token);
                        renewed = clock.GetUtcNow();
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A database blip: two more tries before the lease (three renewal periods long) runs out.
                    logger.LogWarning(error, "Job {JobId}: checking for a cancel request or renewing the lease failed; trying again", jobId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
