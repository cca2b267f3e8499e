using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Checkpoints;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// The Hangfire job: takes a job id, trains (or resumes) the stored spec and records the outcome.
/// Reentrant: a job in a final state is left alone, a job leased by another live worker is retried
/// later, and a job with checkpoints continues from the newest one.
/// </summary>
public sealed class TrainingJob(
    IDbContextFactory<TrainDbContext> dbFactory,
    CheckpointStore checkpoints,
    IArtifactStore artifacts,
    IUploadedDatasets uploads,
    JobLease lease,
    IOptions<TrainServiceOptions> options,
    TimeProvider clock,
    IEnumerable<ITrainingObserverFactory> extraObservers,
    ILogger<TrainingJob> logger)
{
    public const string Queue = "training";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        if (!await lease.TryClaimAsync(jobId, ct))
        {
            if (await IsActiveAsync(jobId, ct))
                throw new InvalidOperationException($"Job {jobId} is leased by another worker; Hangfire will retry after the lease expires.");
            return;
        }
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await TrainAsync(jobId, ct);
                    return;
                }
                catch (TransientTrainingFailure failure)
                {
                    if (attempt == MaxTransientAttempts)
                    {
                        await FinishAsync(jobId, JobStatus.Failed, $"training failed {attempt} times: {failure.Message}");
                        return;
                    }
                    // Resuming from the newest checkpoint retraces the same run bit for bit.
                    logger.LogWarning(failure.InnerException, "Job {JobId} hit a transient libtorch failure (attempt {Attempt}); resuming from its newest checkpoint", jobId, attempt);
                }
            }
        }
        finally
        {
            await lease.ReleaseAsync(jobId);
        }
    }

    const int MaxTransientAttempts = 4;

    sealed class TransientTrainingFailure(Exception inner) : Exception(inner.Message, inner);

    async Task TrainAsync(Guid jobId, CancellationToken shutdown)
    {
        var spec = await StartAsync(jobId, shutdown);
        if (spec is null) return;
        var resumeFrom = await checkpoints.NewestAsync(jobId, shutdown);
        await DeleteMetricsAfterAsync(jobId, resumeFrom?.Epoch ?? 0, resumeFrom?.GlobalStep ?? 0, shutdown);
        var warmStart = resumeFrom is null && spec.WarmStart is { } warm ? await checkpoints.ResolveAsync(warm.JobId, warm.Checkpoint, shutdown) : null;
        if (resumeFrom is not null)
            logger.LogInformation("Job {JobId} resumes from checkpoint {Checkpoint} after epoch {Epoch}", jobId, resumeFrom.Name, resumeFrom.Epoch);

        var limit = TimeSpan.FromSeconds(Math.Min(spec.Training.MaxRuntimeSeconds ?? int.MaxValue, options.Value.MaxJobRuntime.TotalSeconds));
        using var deadline = new CancellationTokenSource(limit, clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown, deadline.Token);
        var watcher = WatchAsync(jobId, cancel);
        var metrics = new MetricsWriter(jobId, dbFactory);
        var run = new Run(jobId, spec, resumeFrom, warmStart, metrics);
        try
        {
            // Tensor code is synchronous and its dispose scopes are thread-local: it gets a thread of its own.
            await Task.Factory.StartNew(() => Train(run, cancel.Token, shutdown), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Succeeded, null);
            logger.LogInformation("Job {JobId} succeeded after {Epochs} epochs", jobId, run.EpochsCompleted);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await metrics.CompleteAsync();
            logger.LogInformation("Job {JobId} interrupted by shutdown after epoch {Epoch}; it resumes on the next start", jobId, run.EpochsCompleted);
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Failed, $"exceeded its time limit of {limit.TotalSeconds:0} s during epoch {run.EpochsCompleted + 1}");
        }
        catch (OperationCanceledException)
        {
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Cancelled, null);
            logger.LogInformation("Job {JobId} cancelled after epoch {Epoch}", jobId, run.EpochsCompleted);
        }
        catch (TrainingDivergedException diverged)
        {
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Failed, diverged.Message);
            logger.LogWarning("Job {JobId} diverged: {Reason}", jobId, diverged.Message);
        }
        catch (Exception error) when (TransientTorchFailure.Matches(error))
        {
            await metrics.CompleteAsync().ContinueWith(_ => { }, TaskScheduler.Default);
            throw new TransientTrainingFailure(error);
        }
        catch (Exception error)
        {
            await metrics.CompleteAsync().ContinueWith(_ => { }, TaskScheduler.Default);
            await FinishAsync(jobId, JobStatus.Failed, $"training failed: {error.Message}");
            logger.LogError(error, "Job {JobId} failed", jobId);
        }
        finally
        {
            await cancel.CancelAsync();
            await watcher;
        }
    }

    sealed record Run(Guid JobId, TrainingSpec Spec, CheckpointRow? ResumeFrom, CheckpointRow? WarmStart, MetricsWriter Metrics)
    {
        public int EpochsCompleted { get; set; }
    }

    void Train(Run run, CancellationToken ct, CancellationToken shutdown)
    {
        var splits = DatasetSplits.Prepare(DatasetCatalog.Load(run.Spec.Dataset, uploads), run.Spec.Training);
        // Before any checkpoint row: predict serves a model as soon as one exists, and needs the transform.
        artifacts.Write(ArtifactKeys.Preprocessing(run.JobId), PreprocessingArtifact.From(splits).Save);
        using var session = Open(run, splits);
        // Where this attempt really begins (after a resume: past the checkpoint); scripts/crash_resume_check.py reads it.
        logger.LogInformation("Job {JobId} trains from epoch {Epoch}, global step {Step}", run.JobId, session.Progress.Epoch, session.Progress.GlobalStep);
        var policy = new CheckpointPolicyObserver(run.JobId, run.Spec.Checkpoints, checkpoints, run.Metrics);
        using var diagnostics = new DiagnosticsObserver(run.JobId, session, run.Metrics);
        try
        {
            session.Run(new ObserverChain([diagnostics, run.Metrics, policy, .. extraObservers.Select(f => f.Create(run.JobId))]), ct);
        }
        catch (TrainingDivergedException diverged)
        {
            diagnostics.OnDiverged(diverged.Message);
            throw;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Mid-epoch is fine: the checkpoint records the step and the epoch's generator state.
            run.Metrics.Flush();
            checkpoints.Save(run.JobId, CheckpointStore.Interrupted, session);
            throw;
        }
        finally
        {
            run.EpochsCompleted = session.Progress.EpochsCompleted;
            policy.FlushBest();
        }
        if (session.MeasureTest() is { } test) run.Metrics.OnTestEnd(test);
        checkpoints.Save(run.JobId, CheckpointStore.Final, session);
        checkpoints.Delete(run.JobId, CheckpointStore.Interrupted);
        if (run.Metrics.Test is { } measured) RecordTest(run.JobId, measured, session.Progress.EpochsCompleted);
    }

    void RecordTest(Guid jobId, TestMetrics test, int epochs)
    {
        using var db = dbFactory.CreateDbContext();
        db.Metrics.Where(m => m.JobId == jobId && m.Name.StartsWith("test")).ExecuteDelete();
        db.Metrics.AddRange(TestMetricSeries.ToRows(jobId, test, epochs));
        db.SaveChanges();
    }

    TrainingSession Open(Run run, DatasetSplits splits)
    {
        if (run.ResumeFrom is { } resume)
        {
            using var stream = checkpoints.OpenRead(resume);
            return TrainingSession.Resume(run.Spec, splits, stream);
        }
        var session = TrainingSession.Start(run.Spec, splits);
        if (run.WarmStart is { } warm)
        {
            using var stream = checkpoints.OpenRead(warm);
            session.LoadInitialWeights(stream);
        }
        return session;
    }

    /// <summary>Moves the job to running and returns its spec, or null when there is nothing to do.</summary>
    async Task<TrainingSpec?> StartAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            return null;
        if (job.CancelRequested)
        {
            await FinishAsync(jobId, JobStatus.Cancelled, null);
            return null;
        }
        job.Status = JobStatus.Running;
        job.StartedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Job {JobId} ({Name}) started", jobId, job.Name);
        return JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
    }

    /// <summary>A resumed run rewrites the epochs after its checkpoint; their earlier points would otherwise linger.</summary>
    async Task DeleteMetricsAfterAsync(Guid jobId, int epoch, long globalStep, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Metrics.Where(m => m.JobId == jobId && !m.Name.StartsWith("step.") && m.Step > epoch).ExecuteDeleteAsync(ct);
        await db.Metrics.Where(m => m.JobId == jobId && m.Name.StartsWith("step.") && m.Step > globalStep).ExecuteDeleteAsync(ct);
        await db.PathologyEvents.Where(e => e.JobId == jobId && e.Step > globalStep).ExecuteDeleteAsync(ct);
    }

    async Task<bool> IsActiveAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), ct);
    }

    async Task FinishAsync(Guid jobId, JobStatus status, string? reason)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.FailureReason, reason));
    }

    /// <summary>Polls for a cancel request (made by any API process) and keeps the lease alive.</summary>
    async Task WatchAsync(Guid jobId, CancellationTokenSource cancel)
    {
        using var timer = new PeriodicTimer(options.Value.CancelPollInterval, clock);
        var renewEvery = JobLease.Duration / 3;
        var renewed = clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(cancel.Token))
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancel.Token);
                if (await db.Jobs.AnyAsync(j => j.Id == jobId && j.CancelRequested, cancel.Token))
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
