using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Studies;

/// <summary>
/// The promotion driver of successive-halving studies. Everything it knows is in the database
/// (the study's rung, each job's epoch budget and status, the metric rows), so it is re-entrant:
/// a worker calls it after each study job ends, and start-up calls it for every study, which
/// finishes a promotion that a crash interrupted. Two callers at once are harmless: the rung moves
/// by a conditional update, and only the caller that moved it promotes.
/// </summary>
public sealed class HalvingScheduler : IJobEndedHandler
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly IJobQueue queue;
    readonly ILogger<HalvingScheduler> logger;

    internal HalvingScheduler(IDbContextFactory<TrainDbContext> dbFactory, IJobQueue queue, ILogger<HalvingScheduler> logger) =>
        (this.dbFactory, this.queue, this.logger) = (dbFactory, queue, logger);

    /// <summary>After a job ended: advances its study, if it belongs to a halving one.</summary>
    public async Task AfterJobAsync(Guid jobId, CancellationToken ct)
    {
        Guid? study;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            study = await db.StudyJobs.Where(l => l.JobId == jobId).Select(l => (Guid?)l.StudyId).FirstOrDefaultAsync(ct);
        if (study is { } id) await AdvanceOrRecordAsync(id, ct);
    }

    /// <summary>Advances every unfinished halving study (start-up).</summary>
    public async Task AdvanceAllAsync(CancellationToken ct)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Studies.Where(s => s.HalvingRung != null).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in ids) await AdvanceOrRecordAsync(id, ct);
    }

    /// <summary>Pauses between tries of a step that failed (a database or queue that was briefly unavailable).</summary>
    static readonly TimeSpan[] RetryPauses = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// Advances the study, trying again after a failure. A failure that persists is logged as an
    /// error and stored on the study (GET /api/studies/{id} shows it as halving.error), never
    /// swallowed: the study then waits for its next job end or the next start-up to try again.
    /// </summary>
    async Task AdvanceOrRecordAsync(Guid studyId, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await AdvanceAsync(studyId, ct);
                return;
            }
            catch (Exception error) when (!ct.IsCancellationRequested)
            {
                if (attempt < RetryPauses.Length)
                {
                    logger.LogWarning(error, "Study {StudyId}: advancing its halving failed (try {Attempt}); trying again", studyId, attempt + 1);
                    await Task.Delay(RetryPauses[attempt], ct);
                    continue;
                }
                logger.LogError(error, "Study {StudyId}: its halving could not be advanced; its next job end or the next start-up tries again", studyId);
                await RecordErrorAsync(studyId, $"{DateTimeOffset.UtcNow:O} advancing failed: {error.GetType().Name}: {error.Message}");
                return;
            }
        }
    }

    async Task RecordErrorAsync(Guid studyId, string error)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(set => set.SetProperty(s => s.HalvingError, error));
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Study {StudyId}: the failure to advance it could not be stored either", studyId);
        }
    }

    /// <summary>
    /// When every job of the current rung has ended: keeps the best ceil(arms/factor) arms by the
    /// mean objective at the rung's budget and re-queues their jobs with the next budget (they
    /// resume from their final checkpoint). Does nothing while the rung runs, after the last
    /// rung, or once any job of the study was cancelled (the study was cancelled).
    /// </summary>
    public async Task AdvanceAsync(Guid studyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var study = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId, ct);
        if (study?.HalvingRung is not { } rung) return;
        var definition = JsonSerializer.Deserialize<StudySpec>(study.DefinitionJson, ContractJson.Options)!;
        var jobs = await db.StudyJobs.Where(l => l.StudyId == studyId)
            .Join(db.Jobs, l => l.JobId, j => j.Id, (l, j) => new { l.Arm, l.JobId, j.Status, j.EpochBudget, j.SpecJson })
            .ToListAsync(ct);
        if (jobs.Count == 0 || definition.Scheduler is not HalvingSchedulerSpec halving) return;
        int epochs = JsonSerializer.Deserialize<Contracts.Specs.TrainingSpec>(jobs[0].SpecJson, ContractJson.Options)!.Training.Epochs;
        var budgets = HalvingRungs.Budgets(halving.MinEpochs, halving.Factor, epochs);
        if (rung >= budgets.Count - 1) return;
        var current = jobs.Where(j => j.EpochBudget == HalvingRungs.JobBudget(budgets, rung)).ToList();
        if (current.Any(j => j.Status is JobStatus.Queued or JobStatus.Running) || jobs.Any(j => j.Status == JobStatus.Cancelled)) return;

        var succeeded = current.Where(j => j.Status == JobStatus.Succeeded).Select(j => j.JobId).ToList();
        var values = await db.MetricsOn(MetricAxis.Epoch)
            .Where(m => succeeded.Contains(m.JobId) && m.Name == definition.Objective.Metric && m.Step == budgets[rung])
            .ToDictionaryAsync(m => m.JobId, m => m.Value, ct);
        var ranked = current.Where(j => values.ContainsKey(j.JobId)).GroupBy(j => j.Arm)
            .Select(g => (Arm: g.Key, Mean: g.Average(j => values[j.JobId])))
            .OrderBy(a => definition.Objective.Mode == ObjectiveMode.Min ? a.Mean : -a.Mean).ThenBy(a => a.Arm).ToList();
        int arms = current.Select(j => j.Arm).Distinct().Count();
        var kept = ranked.Take(HalvingRungs.Kept(arms, halving.Factor)).Select(a => a.Arm).ToHashSet();
        // Only the kept arms' succeeded jobs continue; a failed seed of a kept arm stays failed.
        var promotedJobs = current.Where(j => kept.Contains(j.Arm) && j.Status == JobStatus.Succeeded).ToList();
        var promoted = promotedJobs.Select(j => j.JobId).ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            int moved = await db.Studies.Where(s => s.Id == studyId && s.HalvingRung == rung)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.HalvingRung, promoted.Count == 0 ? budgets.Count - 1 : rung + 1)
                    .SetProperty(s => s.HalvingError, (string?)null), ct);
            if (moved == 0) return;
            int? next = HalvingRungs.JobBudget(budgets, rung + 1);
            await db.Jobs.Where(j => promoted.Contains(j.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.Status, JobStatus.Queued)
                .SetProperty(j => j.EpochBudget, next)
                .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null), ct);
            await transaction.CommitAsync(ct);
        }
        // A crash here leaves them queued in the database; the start-up reconciler enqueues those (embedded mode).
        foreach (var job in promotedJobs)
            await EnqueueAsync(studyId, job.JobId, job.SpecJson, ct);
        logger.LogInformation("Study {StudyId}: rung {Rung} done, arms {Arms} continue to {Epochs} epochs", studyId, rung, string.Join(",", kept.Order()), budgets[rung + 1]);
    }

    /// <summary>
    /// Hands a promoted job to the queue, trying again after a failure. The promotion is committed by
    /// then, so a retry of the whole advance would find the rung moved and do nothing: a job the queue
    /// still refuses is named in the study's error and logged, for an operator to resubmit.
    /// </summary>
    async Task EnqueueAsync(Guid studyId, Guid jobId, string specJson, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                queue.EnqueueStored(jobId, specJson);
                return;
            }
            catch (Exception error) when (attempt < RetryPauses.Length)
            {
                logger.LogWarning(error, "Study {StudyId}: promoted job {JobId} could not be queued (try {Attempt}); trying again", studyId, jobId, attempt + 1);
                await Task.Delay(RetryPauses[attempt], ct);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Study {StudyId}: promoted job {JobId} is queued in the database but the queue refused it", studyId, jobId);
                await RecordErrorAsync(studyId, $"{DateTimeOffset.UtcNow:O} job {jobId} was promoted but could not be queued: {error.GetType().Name}: {error.Message}");
                return;
            }
        }
    }
}
