using Microsoft.Extensions.Options;

namespace TrainService.Jobs.Execution;

/// <summary>
/// Runs beside a training job: polls for a cancel request (made by any API process) and keeps
/// the job's lease alive, until the job ends.
/// </summary>
internal sealed class JobWatcher(JobProgress progress, JobLease lease, IOptions<TrainServiceOptions> options, TimeProvider clock)
{
    /// <summary>Cancels <paramref name="cancel"/> when a cancel request arrives; returns once it is cancelled either way.</summary>
    public async Task WatchAsync(Guid jobId, CancellationTokenSource cancel)
    {
        using var timer = new PeriodicTimer(options.Value.CancelPollInterval, clock);
        var renewEvery = lease.Duration / 3;
        var renewed = clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(cancel.Token))
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
        }
        catch (OperationCanceledException)
        {
        }
    }
}
