using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Studies;

/// <summary>Reads a study's jobs with their final-epoch objective and epoch times, straight from the jobs' own metric rows.</summary>
internal static class StudyJobOutcomes
{
    public static async Task<IReadOnlyList<JobOutcomeForStudy>> ReadAsync(TrainDbContext db, Guid studyId, string metric, CancellationToken ct)
    {
        var links = await db.StudyJobs.AsNoTracking().Where(l => l.StudyId == studyId)
            .Join(db.Jobs, l => l.JobId, j => j.Id, (l, j) => new { l.Arm, l.Seed, l.JobId, j.Status })
            .ToListAsync(ct);
        // Only succeeded jobs count: a failed or cancelled run's last epoch is not its result.
        var done = links.Where(l => l.Status == JobStatus.Succeeded).Select(l => l.JobId).ToList();
        var rows = await db.MetricsOn(MetricAxis.Epoch)
            .Where(m => done.Contains(m.JobId) && (m.Name == metric || m.Name == EpochMetricSeries.Seconds))
            .ToListAsync(ct);
        var byJob = rows.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.ToList());
        return links.OrderBy(l => l.Arm).ThenBy(l => l.Seed).Select(l =>
        {
            var own = byJob.GetValueOrDefault(l.JobId) ?? [];
            var final = own.Where(r => r.Name == metric).MaxBy(r => r.Step);
            var seconds = own.Where(r => r.Name == EpochMetricSeries.Seconds).OrderBy(r => r.Step).Select(r => r.Value).ToList();
            return new JobOutcomeForStudy(new StudyJob(l.JobId, l.Arm, l.Seed, l.Status, final?.Value), seconds);
        }).ToList();
    }
}
