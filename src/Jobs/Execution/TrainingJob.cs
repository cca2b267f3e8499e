using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Monitoring;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>
/// The Hangfire job: claims a job id, trains (or resumes) the stored spec and records the outcome.
/// Reentrant: a job in a final state is left alone, a job leased by another live worker is retried
/// later, and a job with checkpoints continues from the newest one.
/// </summary>
public sealed class TrainingJob
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly JobProgress progress;
    readonly JobLease lease;
    readonly WorkerIdentity worker;
    readonly JobWatcher watcher;
    readonly TrainingRunServices runServices;
    readonly IOptions<TrainServiceOptions> options;
    readonly TimeProvider clock;
    readonly ILogger<TrainingJob> logger;
    readonly ServiceMetrics metrics;
    readonly IJobEndedHandler ended;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal TrainingJob(
        IDbContextFactory<TrainDbContext> dbFactory,
        JobProgress progress,
        JobLease lease,
        WorkerIdentity worker,
        JobWatcher watcher,
        TrainingRunServices runServices,
        IOptions<TrainServiceOptions> options,
        TimeProvider clock,
        ServiceMetrics metrics,
        IJobEndedHandler ended,
        ILogger<TrainingJob> logger)
    {
        this.ended = ended;
        this.metrics = metrics;
        this.dbFactory = dbFactory;
        this.progress = progress;
        this.lease = lease;
        this.worker = worker;
        this.watcher = watcher;
        this.runServices = runServices;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>The label of queue metrics (jobs themselves go to <see cref="TrainingQueues"/>' cpu or gpu queue).</summary>
    public const string Queue = "training";
    const int MaxTransientAttempts = 4;

    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        // Every log line and span of this delivery, on this thread and the training thread, joins the submit request's trace.
        using var activity = JobTracing.StartTraining(jobId, await progress.TraceParentAsync(jobId, ct));
        // A job delivered again after its worker was killed waits here until that worker's lease runs out.
        if (await lease.ClaimWhenFreeAsync(jobId, token => progress.IsActiveAsync(jobId, token), ct) is not { } claimedAt)
        {
            if (await progress.IsActiveAsync(jobId, ct))
                throw new InvalidOperationException($"Job {jobId} is leased by another worker that is still renewing it; Hangfire will retry later.");
            return;
        }
        // Watched from the claim: the lease is renewed through the set-up below (reading the spec and the newest
        // checkpoint, deleting later metrics) as well as the training, and a cancel request stops either.
        using var cancelRequested = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = watcher.WatchAsync(jobId, claimedAt, cancelRequested);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await TrainAsync(jobId, cancelRequested.Token, ct);
                    return;
                }
                catch (TransientTrainingFailure failure) when (attempt < MaxTransientAttempts)
                {
                    // Resuming from the newest checkpoint retraces the same run bit for bit.
                    metrics.TransientResumes.Inc();
                    logger.LogWarning(failure.InnerException, "Job {JobId} hit a transient libtorch failure (attempt {Attempt}); resuming from its newest checkpoint", jobId, attempt);
                }
                catch (TransientTrainingFailure failure)
                {
                    await progress.FinishAsync(jobId, JobStatus.Failed, $"training failed {attempt} times: {failure.Message}");
                    JobTracing.RecordOutcome(JobStatus.Failed, failure.Message);
                    return;
                }
            }
        }
        finally
        {
            await cancelRequested.CancelAsync();
            await watching;
            await lease.ReleaseAsync(jobId);
            await AfterJobAsync(jobId, ct);
        }
    }

    /// <summary>
    /// After the lease is gone, so that a job the handler re-queues can be claimed at once. A failure
    /// here loses nothing: the study's state is in the database and start-up advances every study again.
    /// </summary>
    async Task AfterJobAsync(Guid jobId, CancellationToken ct)
    {
        try
        {
            await ended.AfterJobAsync(jobId, ct);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Job {JobId}: its study could not be advanced; the next start-up retries", jobId);
        }
    }

    async Task TrainAsync(Guid jobId, CancellationToken cancelRequested, CancellationToken shutdown)
    {
        var spec = await progress.StartAsync(jobId, shutdown);
        if (spec is null) return;
        var checkpoints = runServices.Checkpoints;
        var resumeFrom = await checkpoints.NewestAsync(jobId, shutdown);
        await progress.RecordAttemptAsync(jobId, worker.Name, resumeFrom?.Epoch ?? 0, shutdown);
        await progress.DeleteMetricsAfterAsync(jobId, resumeFrom?.Epoch ?? 0, resumeFrom?.GlobalStep ?? 0, shutdown);
        var warmStart = resumeFrom is null && spec.WarmStart is { } warm ? await checkpoints.ResolveAsync(warm.JobId, warm.Checkpoint, shutdown) : null;
        if (resumeFrom is not null)
            logger.LogInformation("Job {JobId} resumes from checkpoint {Checkpoint} after epoch {Epoch}", jobId, resumeFrom.Name, resumeFrom.Epoch);

        var limit = TimeSpan.FromSeconds(Math.Min(spec.Training.MaxRuntimeSeconds ?? int.MaxValue, options.Value.MaxJobRuntime.TotalSeconds));
        using var deadline = new CancellationTokenSource(limit, clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancelRequested, deadline.Token);
        var metrics = new MetricsWriter(jobId, dbFactory);
        var run = new TrainingRun(jobId, spec, resumeFrom, warmStart, metrics, runServices);
        Exception? error;
        try
        {
            error = await CaptureAsync(run.RunOnOwnThreadAsync(cancel.Token, shutdown));
            // Every metric the run queued is stored before the job is called finished; a failure to store them fails a run that succeeded.
            var flushError = await CaptureAsync(metrics.CompleteAsync());
            if (flushError is not null && error is not null) logger.LogWarning(flushError, "Job {JobId}: metrics could not all be stored after the run failed", jobId);
            error ??= flushError;
        }
        finally
        {
            await cancel.CancelAsync();
        }
        // scripts/crash_resume_check.py reads this to tell a real resume from a run that started over.
        if (run.BeganAt is { } began)
            logger.LogInformation("Job {JobId}: this attempt trained from epoch {Epoch}, global step {Step}", jobId, began.Epoch, began.GlobalStep);
        await EndAsync(jobId, JobOutcome.Of(error, shutdown, deadline.Token, limit, run.EpochsCompleted), error, run.EpochsCompleted);
    }

    async Task EndAsync(Guid jobId, JobOutcome outcome, Exception? error, int epochs)
    {
        if (outcome.Status is { } status)
        {
            await progress.FinishAsync(jobId, status, outcome.Reason);
            JobTracing.RecordOutcome(status, outcome.Reason);
        }
        switch (outcome.Status)
        {
            case JobStatus.Succeeded:
                logger.LogInformation("Job {JobId} succeeded after {Epochs} epochs", jobId, epochs);
                break;
            case JobStatus.Cancelled:
                logger.LogInformation("Job {JobId} cancelled after epoch {Epoch}", jobId, epochs);
                break;
            case JobStatus.Failed when error is Models.Training.TrainingDivergedException or OperationCanceledException:
                logger.LogWarning("Job {JobId} failed: {Reason}", jobId, outcome.Reason);
                break;
            case JobStatus.Failed:
                logger.LogError(error, "Job {JobId} failed", jobId);
                break;
            case null when outcome.Rethrow is OperationCanceledException:
                logger.LogInformation("Job {JobId} interrupted by shutdown after epoch {Epoch}; it resumes on the next start", jobId, epochs);
                break;
        }
        if (outcome.Rethrow is { } rethrow)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(rethrow);
    }

    static async Task<Exception?> CaptureAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }
}
