using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Diagnostics;

/// <summary>One per-epoch metric of several jobs, aligned by epoch.</summary>
internal static class RunComparison
{
    /// <summary>Null when a job does not exist (the first such id is returned).</summary>
    public static async Task<(ComparisonResponse? Comparison, Guid? Missing)> CompareAsync(TrainDbContext db, IReadOnlyList<Guid> ids, string metric, CancellationToken ct)
    {
        var jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        if (ids.FirstOrDefault(id => !jobs.ContainsKey(id)) is var missing && missing != Guid.Empty) return (null, missing);
        var rows = await db.MetricsOn(MetricAxis.Epoch).Where(m => ids.Contains(m.JobId) && m.Name == metric).ToListAsync(ct);
        var values = rows.ToDictionary(r => (r.JobId, r.Step), r => r.Value);
        var epochs = rows.Select(r => r.Step).Distinct().Order()
            .Select(epoch => new ComparisonRow(epoch, ids.Select(id => values.TryGetValue((id, epoch), out var v) ? v : (double?)null).ToList()))
            .ToList();
        return (new ComparisonResponse(metric, ids.Select(id => new ComparedJob(id, jobs[id].Name, jobs[id].Status)).ToList(), epochs), null);
    }
}
