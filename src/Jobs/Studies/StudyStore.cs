using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Access;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Monitoring;
using TrainService.Jobs.Persistence;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Studies;

/// <summary>How a study submission ended.</summary>
public enum StudySubmitOutcome { Created, Invalid, QueueFull, OwnerQuotaFull }

/// <summary>How a study delete ended: deleted, no such study, or jobs still stopping after the wait.</summary>
public enum StudyDeleteOutcome { Deleted, NotFound, StillStopping }

/// <summary>
/// What the API asks of studies: plan and gate a submission, store it with its jobs, read the
/// table, list, cancel. Everything lives in the database, so a study survives a restart.
/// </summary>
public sealed class StudyStore
{
    readonly TrainDbContext db;
    readonly SpecGate gate;
    readonly JobStore jobs;
    readonly IJobQueue queue;
    readonly TimeProvider clock;
    readonly Admission admission;
    readonly JobDeletion deletion;

    internal StudyStore(TrainDbContext db, SpecGate gate, JobStore jobs, IJobQueue queue, TimeProvider clock, Admission admission, JobDeletion deletion) =>
        (this.db, this.gate, this.jobs, this.queue, this.clock, this.admission, this.deletion) = (db, gate, jobs, queue, clock, admission, deletion);

    /// <summary>How long a delete waits for its running jobs to stop at their next batch before it gives up (409).</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Expands the study, passes every generated spec through the spec gate (errors keyed
    /// <c>arms[i].$.path</c>), and only when all pass stores the study and enqueues its jobs.
    /// </summary>
    public async Task<(StudySubmitOutcome Outcome, StudyResponse? Study, IDictionary<string, string[]> Errors)> SubmitAsync(StudySpec study, CancellationToken ct)
    {
        var (arms, accepted, errors) = await StudyGate.CheckAsync(gate, study, ct);
        var budgets = errors.IsEmpty ? HalvingBudgets(study, accepted.Select(a => a.Spec).ToList(), errors) : null;
        if (!errors.IsEmpty) return (StudySubmitOutcome.Invalid, null, errors.ToDictionary());
        // Whole milliseconds: what the database round-trips.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var row = new StudyRow
        {
            Id = Guid.CreateVersion7(now),
            Name = study.Name,
            DefinitionJson = JsonSerializer.Serialize(study, ContractJson.Options),
            ArmsJson = JsonSerializer.Serialize(arms.Select(a => new StoredArm(a.Index, a.Label, a.Values)).ToList(), ContractJson.Options),
            CreatedAt = now,
            HalvingRung = budgets is null ? null : 0,
        };
        db.Studies.Add(row);
        var created = new List<(Guid Id, ComputeDevice Device)>();
        foreach (var (arm, seed, spec) in accepted)
        {
            var job = new JobRow
            {
                Id = Guid.CreateVersion7(now), Name = spec.Name, Status = JobStatus.Queued, SpecJson = JsonSerializer.Serialize(spec, ContractJson.Options), CreatedAt = now,
                EpochBudget = budgets is null ? null : HalvingRungs.JobBudget(budgets, 0),
                TraceParent = JobTracing.CurrentTraceParent(),
            };
            db.Jobs.Add(job);
            db.StudyJobs.Add(new StudyJobRow { StudyId = row.Id, Arm = arm.Index, Seed = seed, JobId = job.Id });
            created.Add((job.Id, spec.Device));
        }
        var refusal = await admission.SaveJobsAsync(db, created.Count, ct);
        if (refusal != Refusal.None)
        {
            db.ChangeTracker.Clear();
            return (refusal == Refusal.QueueFull ? StudySubmitOutcome.QueueFull : StudySubmitOutcome.OwnerQuotaFull, null, errors.ToDictionary());
        }
        foreach (var (id, device) in created) queue.Enqueue(id, device);
        return (StudySubmitOutcome.Created, await GetAsync(row.Id, ct), errors.ToDictionary());
    }

    /// <summary>
    /// With a halving scheduler: its rung budgets, after checking that the gated specs allow it
    /// (one epoch count for all arms, above minEpochs; no early stopping, which would end a rung on
    /// its own and, at a rung's end, restore the best weights instead of continuing). Null without one.
    /// </summary>
    static IReadOnlyList<int>? HalvingBudgets(StudySpec study, IReadOnlyList<TrainingSpec> specs, ValidationErrors errors)
    {
        if (study.Scheduler is not HalvingSchedulerSpec halving) return null;
        var epochs = specs.Select(s => s.Training.Epochs).Distinct().ToList();
        if (epochs.Count > 1) errors.Add("$.scheduler", "halving needs every arm to train the same training.epochs (it must not be a factor)");
        else if (halving.MinEpochs >= epochs[0]) errors.Add("$.scheduler.minEpochs", $"must be below the base spec's training.epochs ({epochs[0]})");
        if (specs.Any(s => s.Training.EarlyStopping is not null))
            errors.Add("$.base.training.earlyStopping", "cannot be used with halving: the scheduler decides when each arm stops");
        return errors.IsEmpty ? HalvingRungs.Budgets(halving.MinEpochs, halving.Factor, epochs[0]) : null;
    }

    public async Task<StudyResponse?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null) return null;
        var definition = JsonSerializer.Deserialize<StudySpec>(row.DefinitionJson, ContractJson.Options)!;
        var arms = JsonSerializer.Deserialize<List<StoredArm>>(row.ArmsJson, ContractJson.Options)!;
        var outcomes = await StudyJobOutcomes.ReadAsync(db, id, definition.Objective.Metric, ct);
        var halving = row.HalvingRung is { } rung ? await HalvingReport.ReadAsync(db, id, rung, row.HalvingError, (HalvingSchedulerSpec)definition.Scheduler!, ct) : null;
        var (results, status) = StudyReport.Build(arms, outcomes, definition.Objective.Mode, halving?.ArmEpochs);
        // Between a rung's last job and the cut every job reads finished, yet the study goes on.
        if (halving is not null && halving.Rung < halving.Budgets.Count - 1 && status == JobStatus.Succeeded) status = JobStatus.Running;
        return new StudyResponse(row.Id, row.Name, status, row.CreatedAt, definition.Objective, definition.Seeds, results, outcomes.Select(o => o.Job).ToList(), halving);
    }

    /// <summary>
    /// The study and each arm's objective by epoch averaged over its seeds. Failed jobs are left
    /// out (a diverged run's last epochs are not a learning curve); running ones count as far as they got.
    /// </summary>
    public async Task<(StudyResponse Study, IReadOnlyList<StudyCurve> Curves)?> CurvesAsync(Guid id, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } study) return null;
        var jobIds = study.Jobs.Where(j => j.Status != JobStatus.Failed).Select(j => j.JobId).ToList();
        var rows = await db.MetricsOn(MetricAxis.Epoch).Where(m => jobIds.Contains(m.JobId) && m.Name == study.Objective.Metric)
            .Select(m => new { m.JobId, m.Step, m.Value }).ToListAsync(ct);
        var byJob = rows.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => (IReadOnlyList<(int, double)>)g.Select(r => ((int)r.Step, r.Value)).ToList());
        var curves = StudyCurves.Average(study.Arms.OrderBy(a => a.Arm).Select(a => (a.Arm, a.Label,
            (IReadOnlyList<IReadOnlyList<(int, double)>>)study.Jobs.Where(j => j.Arm == a.Arm && byJob.ContainsKey(j.JobId)).Select(j => byJob[j.JobId]).ToList())));
        return (study, curves);
    }

    /// <summary>Every study, newest first, with its derived status.</summary>
    public async Task<IReadOnlyList<StudySummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Studies.AsNoTracking().ToListAsync(ct);
        var links = await db.StudyJobs.AsNoTracking()
            .Join(db.Jobs, l => l.JobId, j => j.Id, (l, j) => new { l.StudyId, j.Status })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r =>
        {
            var statuses = links.Where(l => l.StudyId == r.Id).Select(l => l.Status).ToList();
            int arms = JsonSerializer.Deserialize<List<StoredArm>>(r.ArmsJson, ContractJson.Options)!.Count;
            return new StudySummary(r.Id, r.Name, StudyReport.StatusOf(statuses), r.CreatedAt, arms, statuses.Count);
        }).ToList();
    }

    /// <summary>
    /// Cancels the study, waits for its running jobs to stop (a trainer writes its last
    /// checkpoint as it stops), then deletes the study with its jobs and their artifacts. Jobs
    /// that a halving promotion re-queued meanwhile are cancelled on the next round.
    /// </summary>
    public async Task<StudyDeleteOutcome> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Studies.AnyAsync(s => s.Id == id, ct)) return StudyDeleteOutcome.NotFound;
        var ids = await db.StudyJobs.Where(l => l.StudyId == id).Select(l => l.JobId).ToListAsync(ct);
        var deadline = clock.GetUtcNow() + StopWait;
        while (true)
        {
            var active = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id) && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running)).Select(j => j.Id).ToListAsync(ct);
            if (active.Count == 0) break;
            if (clock.GetUtcNow() > deadline) return StudyDeleteOutcome.StillStopping;
            foreach (var jobId in active) await jobs.CancelAsync(jobId, ct);
            db.ChangeTracker.Clear();
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }
        await deletion.DeleteAsync(ids, id, ct);
        return StudyDeleteOutcome.Deleted;
    }

    /// <summary>Cancels every queued or running job of the study; finished jobs stay as they are. Null when there is no such study.</summary>
    public async Task<StudyResponse?> CancelAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Studies.AnyAsync(s => s.Id == id, ct)) return null;
        var ids = await db.StudyJobs.Where(l => l.StudyId == id).Select(l => l.JobId).ToListAsync(ct);
        foreach (var jobId in ids) await jobs.CancelAsync(jobId, ct);
        db.ChangeTracker.Clear();
        return await GetAsync(id, ct);
    }
}
