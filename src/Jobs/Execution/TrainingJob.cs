using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Checkpoints;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// The Hangfire job: takes a job id, trains the stored spec and records the outcome. Reentrant:
/// a job already in a final state is left alone, so a repeated delivery does no harm.
/// </summary>
public sealed class TrainingJob(
    IDbContextFactory<TrainDbContext> dbFactory,
    IArtifactStore artifacts,
    IUploadedDatasets uploads,
    IOptions<TrainServiceOptions> options,
    TimeProvider clock,
    ILogger<TrainingJob> logger)
{
    public const string Queue = "training";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        var spec = await StartAsync(jobId, ct);
        if (spec is null) return;

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watcher = WatchForCancelAsync(jobId, cancel);
        var metrics = new MetricsWriter(jobId, dbFactory);
        try
        {
            // Tensor code is synchronous and its dispose scopes are thread-local: it gets a thread of its own.
            await Task.Factory.StartNew(() => TrainAndSave(jobId, spec, metrics, cancel.Token), cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Succeeded, null, CancellationToken.None);
            logger.LogInformation("Job {JobId} succeeded after {Epochs} epochs", jobId, metrics.Last?.Epoch);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Cancelled, null, CancellationToken.None);
            logger.LogInformation("Job {JobId} cancelled", jobId);
        }
        catch (TrainingDivergedException diverged)
        {
            await metrics.CompleteAsync();
            await FinishAsync(jobId, JobStatus.Failed, diverged.Message, CancellationToken.None);
            logger.LogWarning("Job {JobId} diverged: {Reason}", jobId, diverged.Message);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            await metrics.CompleteAsync().ContinueWith(_ => { }, TaskScheduler.Default);
            await FinishAsync(jobId, JobStatus.Failed, $"training failed: {error.Message}", CancellationToken.None);
            logger.LogError(error, "Job {JobId} failed", jobId);
        }
        finally
        {
            await cancel.CancelAsync();
            await watcher;
        }
    }

    void TrainAndSave(Guid jobId, TrainingSpec spec, MetricsWriter metrics, CancellationToken ct)
    {
        var splits = DatasetSplits.Prepare(DatasetCatalog.Load(spec.Dataset, uploads), spec.Training);
        using var model = Trainer.Fit(spec, splits, metrics, ct);
        // Before the checkpoint row: predict serves a model as soon as that row exists.
        artifacts.Write(ArtifactKeys.Preprocessing(jobId), PreprocessingArtifact.From(splits).Save);
        string key = ArtifactKeys.Checkpoint(jobId, "final");
        long size = artifacts.Write(key, stream => ModelWeights.Save(model, stream));
        using var db = dbFactory.CreateDbContext();
        db.Checkpoints.Where(c => c.JobId == jobId && c.Name == "final").ExecuteDelete();
        db.Checkpoints.Add(new CheckpointRow { JobId = jobId, Name = "final", Epoch = spec.Training.Epochs, ArtifactKey = key, SizeBytes = size, CreatedAt = clock.GetUtcNow() });
        if (metrics.Test is { } test) db.Metrics.AddRange(TestMetricSeries.ToRows(jobId, test, spec.Training.Epochs));
        db.SaveChanges();
    }

    /// <summary>Moves the job to running and returns its spec, or null when there is nothing to do.</summary>
    async Task<TrainingSpec?> StartAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null)
        {
            logger.LogWarning("Job {JobId} does not exist; nothing to run", jobId);
            return null;
        }
        if (job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            return null;
        if (job.CancelRequested)
        {
            await FinishAsync(jobId, JobStatus.Cancelled, null, ct);
            return null;
        }
        job.Status = JobStatus.Running;
        job.StartedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // A redelivered job starts over: its earlier points would otherwise mix with the new run's.
        await db.Metrics.Where(m => m.JobId == jobId).ExecuteDeleteAsync(ct);
        logger.LogInformation("Job {JobId} ({Name}) started", jobId, job.Name);
        return JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
    }

    async Task FinishAsync(Guid jobId, JobStatus status, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.FailureReason, reason), ct);
    }

    /// <summary>Polls for a cancel request so that a cancel made by any API process reaches this worker.</summary>
    async Task WatchForCancelAsync(Guid jobId, CancellationTokenSource cancel)
    {
        using var timer = new PeriodicTimer(options.Value.CancelPollInterval, clock);
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
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
