using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Jobs.Access;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Monitoring;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>How a submission ended: a new job, the job an earlier submission with the same key created, or a refusal.</summary>
public enum SubmitOutcome { Created, Existing, KeyReusedWithDifferentSpec, QueueFull, OwnerQuotaFull }

/// <summary>How a cancel request ended: cancelled (or asked to stop), or refused because the job had already finished.</summary>
public enum CancelOutcome { Requested, AlreadyFinished }

/// <summary>How a delete request ended: deleted, or refused with the reason.</summary>
public enum DeleteOutcome { Deleted, NotFound, Unfinished, InStudy, WarmStartSource }

/// <summary>What the API asks of jobs: create (and enqueue), read, list, cancel, metrics.</summary>
public sealed class JobStore
{
    readonly TrainDbContext db;
    readonly IJobQueue queue;
    readonly TimeProvider clock;
    readonly Admission admission;
    readonly JobDeletion deletion;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal JobStore(TrainDbContext db, IJobQueue queue, TimeProvider clock, Admission admission, JobDeletion deletion)
    {
        this.deletion = deletion;
        this.db = db;
        this.queue = queue;
        this.clock = clock;
        this.admission = admission;
    }

    /// <summary>
    /// Records a validated spec as a queued job, then hands its id to the workers. A repeated
    /// idempotency key returns the first job instead; a full queue or the owner's quota refuses.
    /// </summary>
    public async Task<(SubmitOutcome Outcome, JobResponse? Job)> SubmitAsync(TrainingSpec spec, string? idempotencyKey, CancellationToken ct)
    {
        string specJson = JsonSerializer.Serialize(spec, ContractJson.Options);
        if (idempotencyKey is not null && await FindByKeyAsync(idempotencyKey, specJson, ct) is { } earlier)
            return earlier;
        try
        {
            return await CreateAsync(spec, specJson, idempotencyKey, ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A concurrent submission with the same key won the unique index.
            db.ChangeTracker.Clear();
            return await FindByKeyAsync(idempotencyKey, specJson, ct) ?? throw new InvalidOperationException("Idempotency key conflict without a job.");
        }
    }

    async Task<(SubmitOutcome, JobResponse?)?> FindByKeyAsync(string key, string specJson, CancellationToken ct)
    {
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.IdempotencyKey == key, ct);
        if (row is null) return null;
        if (row.SpecJson != specJson) return (SubmitOutcome.KeyReusedWithDifferentSpec, null);
        return (SubmitOutcome.Existing, await GetAsync(row.Id, ct));
    }

    async Task<(SubmitOutcome, JobResponse?)> CreateAsync(TrainingSpec spec, string specJson, string? idempotencyKey, CancellationToken ct)
    {
        // Whole milliseconds: what the database round-trips, so POST and GET show the same instant.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var row = new JobRow
        {
            Id = Guid.CreateVersion7(now),
            Name = spec.Name,
            Status = JobStatus.Queued,
            SpecJson = specJson,
            CreatedAt = now,
            IdempotencyKey = idempotencyKey,
            TraceParent = JobTracing.CurrentTraceParent(),
        };
        db.Jobs.Add(row);
        var refusal = await admission.SaveJobsAsync(db, 1, ct);
        if (refusal != Refusal.None)
        {
            db.ChangeTracker.Clear();
            return (refusal == Refusal.QueueFull ? SubmitOutcome.QueueFull : SubmitOutcome.OwnerQuotaFull, null);
        }
        queue.Enqueue(row.Id, spec.Device);
        return (SubmitOutcome.Created, ToResponse(row, null));
    }

    public async Task<JobResponse?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (row is null) return null;
        var last = await LastEpochsAsync([id], ct);
        var attempts = await db.JobAttempts.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Attempt)
            .Select(a => new JobAttempt(a.Worker, a.StartedAt, a.FromEpoch)).ToListAsync(ct);
        return ToResponse(row, last.GetValueOrDefault(id)) with { TestMetrics = await TestMetricSeries.ReadAsync(db, id, ct), Events = await DiagnosticsReader.EventsAsync(db, id, ct), Attempts = attempts };
    }

    /// <summary>A newest-first page of job summaries matching every filter of <paramref name="query"/>.</summary>
    public async Task<PagedList<JobSummary>> ListAsync(JobListQuery query, CancellationToken ct)
    {
        var jobs = db.Jobs.AsNoTracking();
        if (query.Status is { } status) jobs = jobs.Where(j => j.Status == status);
        if (query.NamePrefix is { Length: > 0 } prefix) jobs = jobs.Where(j => j.Name.StartsWith(prefix));
        if (query.CreatedAfter is { } after) jobs = jobs.Where(j => j.CreatedAt > after);
        int total = await jobs.CountAsync(ct);
        var rows = await jobs
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var last = await LastEpochsAsync(ids, ct);
        // Epochs are stored 1…N without gaps (a resume deletes what follows its checkpoint), so the last one counts them.
        var items = rows.Select(r => JobSummaries.From(r, last.GetValueOrDefault(r.Id)?.Epoch ?? 0, VisibleMetrics(r, last.GetValueOrDefault(r.Id)))).ToList();
        return new PagedList<JobSummary>(items, query.Page, query.PageSize, total);
    }

    /// <summary>
    /// Cancels a queued job at once; asks a running one to stop at its next batch. A job that
    /// already finished is left as it is and reported as such; null when the job does not exist.
    /// </summary>
    public async Task<(CancelOutcome Outcome, JobResponse Job)?> CancelAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Jobs.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (row is null) return null;
        if (row.Status is not (JobStatus.Queued or JobStatus.Running))
            return (CancelOutcome.AlreadyFinished, (await GetAsync(id, ct))!);
        row.CancelRequested = true;
        if (row.Status == JobStatus.Queued)
        {
            row.Status = JobStatus.Cancelled;
            row.FinishedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return (CancelOutcome.Requested, (await GetAsync(id, ct))!);
    }

    /// <summary>
    /// Deletes a finished job with its metrics, events, checkpoints and artifacts. A queued or
    /// running job is refused (cancel it first: a running trainer may still write a checkpoint),
    /// and so is a job of a study (delete the study) or one an unfinished job warm-starts from.
    /// Returns the other job involved, if any.
    /// </summary>
    public async Task<(DeleteOutcome Outcome, Guid? Other)> DeleteAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (row is null) return (DeleteOutcome.NotFound, null);
        if (row.Status is JobStatus.Queued or JobStatus.Running) return (DeleteOutcome.Unfinished, null);
        if (await db.StudyJobs.Where(l => l.JobId == id).Select(l => (Guid?)l.StudyId).FirstOrDefaultAsync(ct) is { } study)
            return (DeleteOutcome.InStudy, study);
        if (await deletion.WarmStartedFromAsync([id], ct) is { } dependent) return (DeleteOutcome.WarmStartSource, dependent);
        await deletion.DeleteAsync([id], study: null, ct);
        return (DeleteOutcome.Deleted, null);
    }

    public async Task<MetricsResponse?> GetMetricsAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == id, ct)) return null;
        var rows = await EpochMetricSeries.Query(db, id).ToListAsync(ct);
        return new MetricsResponse(id, EpochMetricSeries.FromRows(rows), await TestMetricSeries.ReadAsync(db, id, ct));
    }

    /// <summary>Per-step metrics, every stride-th step (and the last) so at most <paramref name="maxPoints"/> come back.</summary>
    public async Task<StepSeriesResponse?> GetStepsAsync(Guid id, int maxPoints, CancellationToken ct)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == id, ct)) return null;
        var steps = StepMetricSeries.Query(db, id).Where(m => m.Name == StepMetricSeries.Loss);
        int total = await steps.CountAsync(ct);
        int last = total == 0 ? 0 : await steps.MaxAsync(m => m.Step, ct);
        int stride = Math.Max(1, (int)Math.Ceiling(total / (double)maxPoints));
        var rows = await StepMetricSeries.Query(db, id)
            .Where(m => m.Step % stride == 0 || m.Step == last)
            .ToListAsync(ct);
        return new StepSeriesResponse(id, total, stride, StepMetricSeries.FromRows(rows));
    }

    async Task<Dictionary<Guid, EpochMetrics>> LastEpochsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var epochs = db.MetricsOn(MetricAxis.Epoch);
        var lastSteps = epochs.Where(m => ids.Contains(m.JobId) && m.Name == EpochMetricSeries.TrainLoss)
            .GroupBy(m => m.JobId)
            .Select(g => new { JobId = g.Key, Step = g.Max(m => m.Step) });
        var rows = await epochs
            .Join(lastSteps, m => new { m.JobId, m.Step }, l => new { l.JobId, l.Step }, (m, _) => m)
            .ToListAsync(ct);
        return rows.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => EpochMetricSeries.FromRows(g).Single());
    }

    static JobResponse ToResponse(JobRow row, EpochMetrics? last) => new(
        row.Id, row.Name, row.Status,
        JsonSerializer.Deserialize<TrainingSpec>(row.SpecJson, ContractJson.Options)!,
        row.CreatedAt, row.StartedAt, row.FinishedAt, row.FailureReason,
        VisibleMetrics(row, last));

    // A requeued job keeps its rows from the attempt before; a queued job shows none until it runs again.
    static EpochMetrics? VisibleMetrics(JobRow row, EpochMetrics? last) => row.Status is JobStatus.Queued ? null : last;
}
