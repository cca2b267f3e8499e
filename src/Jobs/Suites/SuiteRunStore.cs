using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Studies;

namespace TrainService.Jobs.Suites;

/// <summary>
/// Suite runs: asking for one, listing them, and reading one as its report, which is computed from
/// its studies when read and compared with the baseline: the newest earlier run of the same suite,
/// version and size on the same machine that finished.
/// </summary>
public sealed class SuiteRunStore
{
    readonly TrainDbContext db;
    readonly StudyStore studies;
    readonly TimeProvider clock;
    readonly SuiteMetrics metrics;

    internal SuiteRunStore(TrainDbContext db, StudyStore studies, TimeProvider clock, SuiteMetrics metrics) =>
        (this.db, this.studies, this.clock, this.metrics) = (db, studies, clock, metrics);

    /// <summary>Whole milliseconds: what the database round-trips.</summary>
    public static DateTimeOffset Milliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));

    /// <summary>Stores a run nobody has claimed yet; the suite's recurring job, triggered next, takes it.</summary>
    public async Task<Guid> AskAsync(SuiteDefinition suite, string size, CancellationToken ct)
    {
        var now = Milliseconds(clock.GetUtcNow());
        var run = new SuiteRunRow { Id = Guid.CreateVersion7(now), Suite = suite.Name, SuiteVersion = suite.Version, Size = size, Trigger = "api", CreatedAt = now };
        db.SuiteRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>The suite's runs, newest first.</summary>
    public async Task<IReadOnlyList<SuiteRunSummary>> ListAsync(string suite, CancellationToken ct)
    {
        var rows = await db.SuiteRuns.AsNoTracking().Where(r => r.Suite == suite).ToListAsync(ct);
        var statuses = (await studies.ListAsync(ct)).ToDictionary(s => s.Id, s => s.Status);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new SuiteRunSummary(r.Id, r.Suite, r.SuiteVersion, r.Size,
                StatusOf(r, Studies(r).Select(s => statuses.GetValueOrDefault(s.StudyId, JobStatus.Cancelled)).ToList()),
                r.CreatedAt, r.ServiceVersion, r.MachineKey, r.Trigger))
            .ToList();
    }

    public async Task<SuiteRunResponse?> GetAsync(string suite, Guid id, CancellationToken ct)
    {
        var row = await db.SuiteRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Suite == suite, ct);
        if (row is null) return null;
        var (parts, status) = await PartsAsync(row, ct);
        var baseline = status is JobStatus.Queued or JobStatus.Running ? null : await BaselineAsync(row, ct);
        var marked = parts.Select(p => p with
        {
            Arms = p.Arms.Select(a => SuiteRegressions.Mark(a,
                baseline?.Parts.FirstOrDefault(b => b.Name == p.Name)?.Arms.FirstOrDefault(b => b.Label == a.Label), p.Objective.Mode)).ToList(),
        }).ToList();
        var regressions = marked.SelectMany(p => p.Arms.SelectMany(a => SuiteRegressions.Describe(p.Name, a, p.Objective))).ToList();
        var machine = row.MachineJson.Length == 0 ? null : JsonSerializer.Deserialize<SuiteMachine>(row.MachineJson, ContractJson.Options);
        var run = new SuiteRunResponse(row.Id, row.Suite, row.SuiteVersion, row.Size, status, row.CreatedAt, row.Trigger, row.ServiceVersion,
            machine, row.Error, baseline?.Id, marked, regressions);
        metrics.Record(run);
        return run;
    }

    async Task<(Guid Id, IReadOnlyList<SuitePartResult> Parts)?> BaselineAsync(SuiteRunRow run, CancellationToken ct)
    {
        var earlier = await db.SuiteRuns.AsNoTracking()
            .Where(r => r.Suite == run.Suite && r.SuiteVersion == run.SuiteVersion && r.Size == run.Size && r.MachineKey == run.MachineKey
                && r.CreatedAt < run.CreatedAt && r.StudiesJson != null && r.Error == null)
            .OrderByDescending(r => r.CreatedAt).Take(20).ToListAsync(ct);
        foreach (var candidate in earlier)
        {
            var (parts, status) = await PartsAsync(candidate, ct);
            if (status == JobStatus.Succeeded) return (candidate.Id, parts);
        }
        return null;
    }

    async Task<(IReadOnlyList<SuitePartResult> Parts, JobStatus Status)> PartsAsync(SuiteRunRow row, CancellationToken ct)
    {
        var parts = new List<SuitePartResult>();
        var statuses = new List<JobStatus>();
        foreach (var (part, studyId, labels) in Studies(row))
        {
            if (await studies.GetAsync(studyId, ct) is not { } study)
            {
                statuses.Add(JobStatus.Cancelled);   // deleted under the run
                continue;
            }
            statuses.Add(study.Status);
            var figures = await SuiteJobFigures.ReadAsync(db, study.Jobs.Select(j => j.JobId).ToList(), gradRatio: true, ct);
            parts.Add(new SuitePartResult(part, studyId, study.Objective, study.Arms.Select(a => Arm(a, study, figures, labels)).ToList()));
        }
        return (parts, StatusOf(row, statuses));
    }

    static SuiteArmResult Arm(StudyArmResult arm, StudyResponse study, IReadOnlyDictionary<Guid, SuiteJobFigures> figures, IReadOnlyList<string>? labels)
    {
        var jobs = study.Jobs.Where(j => j.Arm == arm.Arm).ToList();
        var succeeded = jobs.Where(j => j.Status == JobStatus.Succeeded).Select(j => figures.GetValueOrDefault(j.JobId)).OfType<SuiteJobFigures>().ToList();
        var speeds = succeeded.Select(f => f.SamplesPerSecond).OfType<double>().ToList();
        var ratios = succeeded.Select(f => f.FirstLastGradRatio).OfType<double>().ToList();
        var extras = new Dictionary<string, double>();
        if (ratios.Count > 0) extras["firstLastGradRatio"] = ratios.Average();
        string label = labels is not null && arm.Arm < labels.Count ? labels[arm.Arm] : arm.Label;
        return new SuiteArmResult(label, arm.Rank, arm.N, jobs.Count(j => j.Status == JobStatus.Failed), arm.Mean, arm.CiLow, arm.CiHigh,
            arm.SecondsPerEpoch, speeds.Count > 0 ? speeds.Average() : null, extras, null, false, false);
    }

    static IReadOnlyList<SuiteRunStudy> Studies(SuiteRunRow row) =>
        row.StudiesJson is null ? [] : JsonSerializer.Deserialize<List<SuiteRunStudy>>(row.StudiesJson, ContractJson.Options)!;

    /// <summary>A failed job is a result of the comparison (a diverged arm), not a failure of the run; see SuiteRunResponse.Status.</summary>
    static JobStatus StatusOf(SuiteRunRow row, IReadOnlyList<JobStatus> studyStatuses)
    {
        if (row.Error is not null && studyStatuses.Count == 0) return JobStatus.Failed;
        if (row.StudiesJson is null || studyStatuses.All(s => s == JobStatus.Queued)) return JobStatus.Queued;
        if (studyStatuses.Any(s => s is JobStatus.Queued or JobStatus.Running)) return JobStatus.Running;
        if (studyStatuses.Contains(JobStatus.Cancelled)) return JobStatus.Cancelled;
        return row.Error is not null ? JobStatus.Failed : JobStatus.Succeeded;
    }
}
