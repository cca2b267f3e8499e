using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>What the API asks of jobs: create (and enqueue), read, list, cancel, metrics.</summary>
public sealed class JobStore(TrainDbContext db, IJobQueue queue, TimeProvider clock)
{
    /// <summary>Records a validated spec as a queued job, then hands its id to the workers.</summary>
    public async Task<JobResponse> CreateAsync(TrainingSpec spec, CancellationToken ct)
    {
        // Whole milliseconds: what the database round-trips, so POST and GET show the same instant.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var row = new JobRow
        {
            Id = Guid.CreateVersion7(now),
            Name = spec.Name,
            Status = JobStatus.Queued,
            SpecJson = JsonSerializer.Serialize(spec, ContractJson.Options),
            CreatedAt = now,
        };
        db.Jobs.Add(row);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(row.Id);
        return ToResponse(row, null);
    }

    public async Task<JobResponse?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (row is null) return null;
        var last = await LastEpochsAsync([id], ct);
        return ToResponse(row, last.GetValueOrDefault(id));
    }

    public async Task<PagedList<JobResponse>> ListAsync(int page, int pageSize, CancellationToken ct)
    {
        int total = await db.Jobs.CountAsync(ct);
        var rows = await db.Jobs.AsNoTracking()
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var last = await LastEpochsAsync(rows.Select(r => r.Id).ToList(), ct);
        return new PagedList<JobResponse>(rows.Select(r => ToResponse(r, last.GetValueOrDefault(r.Id))).ToList(), page, pageSize, total);
    }

    /// <summary>Cancels a queued job at once; asks a running one to stop at its next batch. Null when the job does not exist.</summary>
    public async Task<JobResponse?> CancelAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Jobs.FirstOrDefaultAsync(j => j.Id == id, ct);
        if (row is null) return null;
        if (row.Status is JobStatus.Queued or JobStatus.Running)
        {
            row.CancelRequested = true;
            if (row.Status == JobStatus.Queued)
            {
                row.Status = JobStatus.Cancelled;
                row.FinishedAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(id, ct);
    }

    public async Task<MetricsResponse?> GetMetricsAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == id, ct)) return null;
        var rows = await db.Metrics.AsNoTracking().Where(m => m.JobId == id && EpochMetricSeries.Names.Contains(m.Name)).ToListAsync(ct);
        return new MetricsResponse(id, EpochMetricSeries.FromRows(rows));
    }

    async Task<Dictionary<Guid, EpochMetrics>> LastEpochsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var lastSteps = db.Metrics.Where(m => ids.Contains(m.JobId) && m.Name == EpochMetricSeries.TrainLoss)
            .GroupBy(m => m.JobId)
            .Select(g => new { JobId = g.Key, Step = g.Max(m => m.Step) });
        var rows = await db.Metrics.AsNoTracking()
            .Join(lastSteps, m => new { m.JobId, m.Step }, l => new { l.JobId, l.Step }, (m, _) => m)
            .ToListAsync(ct);
        return rows.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => EpochMetricSeries.FromRows(g).Single());
    }

    static JobResponse ToResponse(JobRow row, EpochMetrics? last) => new(
        row.Id, row.Name, row.Status,
        JsonSerializer.Deserialize<TrainingSpec>(row.SpecJson, ContractJson.Options)!,
        row.CreatedAt, row.StartedAt, row.FinishedAt, row.FailureReason,
        row.Status is JobStatus.Queued ? null : last);
}
