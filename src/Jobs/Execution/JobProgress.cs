using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Monitoring;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Execution;

/// <summary>A job's state in the database as a worker moves it: started, finished, and what a resumed or finished run rewrites.</summary>
internal sealed class JobProgress(IDbContextFactory<TrainDbContext> dbFactory, TimeProvider clock, ServiceMetrics metrics, ILogger<JobProgress> logger)
{
    /// <summary>Moves the job to running and returns its spec, or null when there is nothing to do.</summary>
    public async Task<TrainingSpec?> StartAsync(Guid jobId, CancellationToken ct)
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
        if (job.StartedAt is null)
        {
            job.StartedAt = clock.GetUtcNow();
            metrics.QueueWait.WithLabels(TrainingJob.Queue).Observe((job.StartedAt.Value - job.CreatedAt).TotalSeconds);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Job {JobId} ({Name}) started", jobId, job.Name);
        var spec = JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
        // A halving study's budget ends this run early; promotion raises it and the job resumes from its final checkpoint.
        return job.EpochBudget is { } budget && budget < spec.Training.Epochs ? spec with { Training = spec.Training with { Epochs = budget } } : spec;
    }

    /// <summary>Records which worker started (or resumed) the job, and from which epoch.</summary>
    public async Task RecordAttemptAsync(Guid jobId, string worker, int fromEpoch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int attempt = 1 + (await db.JobAttempts.Where(a => a.JobId == jobId).MaxAsync(a => (int?)a.Attempt, ct) ?? 0);
        db.JobAttempts.Add(new JobAttemptRow { JobId = jobId, Attempt = attempt, Worker = worker, StartedAt = clock.GetUtcNow(), FromEpoch = fromEpoch });
        await db.SaveChangesAsync(ct);
    }

    public async Task FinishAsync(Guid jobId, JobStatus status, string? reason)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        if (await db.Jobs.Where(j => j.Id == jobId).Select(j => j.StartedAt).FirstOrDefaultAsync() is { } started)
            metrics.JobDuration.WithLabels(status.ToString().ToLowerInvariant()).Observe((now - started).TotalSeconds);
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.FailureReason, reason));
    }

    /// <summary>The trace context the job was submitted in (see <see cref="JobTracing"/>); null for none or no job.</summary>
    public async Task<string?> TraceParentAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.Where(j => j.Id == jobId).Select(j => j.TraceParent).FirstOrDefaultAsync(ct);
    }

    /// <summary>Queued or running: someone still means to train it.</summary>
    public async Task<bool> IsActiveAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), ct);
    }

    public async Task<bool> IsCancelRequestedAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AnyAsync(j => j.Id == jobId && j.CancelRequested, ct);
    }

    /// <summary>A resumed run rewrites the epochs after its checkpoint; their earlier points would otherwise linger.</summary>
    public async Task DeleteMetricsAfterAsync(Guid jobId, int epoch, long globalStep, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The test measurement's step is an epoch too (the last): one measured after the checkpoint goes with its epochs.
        await db.Metrics.Where(m => m.JobId == jobId && m.Axis != MetricAxis.Step && m.Step > epoch).ExecuteDeleteAsync(ct);
        await db.Metrics.Where(m => m.JobId == jobId && m.Axis == MetricAxis.Step && m.Step > globalStep).ExecuteDeleteAsync(ct);
        await db.PathologyEvents.Where(e => e.JobId == jobId && e.Step > globalStep).ExecuteDeleteAsync(ct);
    }

    /// <summary>Replaces the job's test measurement (a retried run measures again).</summary>
    public void RecordTest(Guid jobId, TestMetrics test, int epochs)
    {
        using var db = dbFactory.CreateDbContext();
        db.Metrics.Where(m => m.JobId == jobId && m.Axis == MetricAxis.Test).ExecuteDelete();
        db.Metrics.AddRange(TestMetricSeries.ToRows(jobId, test, epochs));
        db.SaveChanges();
    }
}
