using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Studies;

/// <summary>A halving study's rungs and compute, counted from the epochs its jobs actually stored.</summary>
internal static class HalvingReport
{
    public static async Task<HalvingProgress?> ReadAsync(TrainDbContext db, Guid studyId, int rung, string? error, HalvingSchedulerSpec halving, CancellationToken ct)
    {
        var jobs = await db.StudyJobs.AsNoTracking().Where(l => l.StudyId == studyId)
            .Join(db.Jobs, l => l.JobId, j => j.Id, (l, j) => new { l.Arm, l.JobId, j.SpecJson }).ToListAsync(ct);
        if (jobs.Count == 0) return null;
        int epochs = JsonSerializer.Deserialize<TrainingSpec>(jobs[0].SpecJson, ContractJson.Options)!.Training.Epochs;
        var ids = jobs.Select(j => j.JobId).ToList();
        // Epochs are stored 1…N without gaps, so the last stored epoch is the count trained.
        var trained = await db.MetricsOn(MetricAxis.Epoch).Where(m => ids.Contains(m.JobId) && m.Name == EpochMetricSeries.TrainLoss)
            .GroupBy(m => m.JobId).Select(g => new { JobId = g.Key, Epochs = g.Max(m => m.Step) }).ToDictionaryAsync(g => g.JobId, g => (int)g.Epochs, ct);
        var armEpochs = jobs.GroupBy(j => j.Arm).ToDictionary(g => g.Key, g => g.Max(j => trained.GetValueOrDefault(j.JobId)));
        int total = trained.Values.Sum(), full = jobs.Count * epochs;
        return new HalvingProgress(HalvingRungs.Budgets(halving.MinEpochs, halving.Factor, epochs), rung, armEpochs, total, full, 1 - (double)total / full, error);
    }
}
