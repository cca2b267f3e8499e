using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainService.Contracts.Json;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Studies;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Suites;

/// <summary>
/// The recurring Hangfire job of a suite at one size, fired by its cron or triggered now by
/// POST …/runs. It takes the oldest run asked for and not yet taken (or, fired by the schedule,
/// makes one), records build and machine, gates every part, and submits the parts as studies.
/// Training happens in the studies' own jobs; this job only submits, so it is quick.
/// </summary>
public sealed class SuiteRunJob
{
    public const string Queue = "suites";

    readonly TrainDbContext db;
    readonly SuiteCatalog catalog;
    readonly SpecGate gate;
    readonly StudyStore studies;
    readonly SuiteEnvironment environment;
    readonly TimeProvider clock;
    readonly SuiteRunStore runs;
    readonly IBackgroundJobClient jobs;
    readonly ILogger<SuiteRunJob> logger;

    internal SuiteRunJob(TrainDbContext db, SuiteCatalog catalog, SpecGate gate, StudyStore studies, SuiteEnvironment environment, TimeProvider clock,
        SuiteRunStore runs, IBackgroundJobClient jobs, ILogger<SuiteRunJob> logger) =>
        (this.db, this.catalog, this.gate, this.studies, this.environment, this.clock, this.runs, this.jobs, this.logger) =
        (db, catalog, gate, studies, environment, clock, runs, jobs, logger);

    /// <summary>How often a submitted run is looked at until it finishes.</summary>
    static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(30);

    public static string RecurringJobId(string suite, string size) => $"suite:{suite}:{size}";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string suite, string size, CancellationToken ct)
    {
        var run = await ClaimAsync(suite, size, ct) ?? await CreateAsync(suite, size, ct);
        run.ServiceVersion = SuiteEnvironment.ServiceVersion;
        var machine = environment.Machine();
        run.MachineJson = JsonSerializer.Serialize(machine, ContractJson.Options);
        run.MachineKey = machine.Key;
        run.Error = await SubmitAsync(run, ct);
        await db.SaveChangesAsync(ct);
        if (run.Error is null)
        {
            logger.LogInformation("Suite {Suite} ({Size}) run {RunId} submitted", suite, size, run.Id);
            jobs.Schedule<SuiteRunJob>(job => job.WatchAsync(suite, run.Id, CancellationToken.None), WatchInterval);
        }
        else logger.LogWarning("Suite {Suite} ({Size}) run {RunId} could not be submitted: {Error}", suite, size, run.Id, run.Error);
    }

    /// <summary>
    /// Looks at a submitted run until it finishes, then logs its regressions and sets the metric, so a
    /// nightly run that nobody reads still raises its marks. Reentrant: reading a run changes nothing.
    /// </summary>
    [Queue(Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task WatchAsync(string suite, Guid runId, CancellationToken ct)
    {
        if (await runs.GetAsync(suite, runId, ct) is not { } run) return;
        if (run.Status is Contracts.Responses.JobStatus.Queued or Contracts.Responses.JobStatus.Running)
        {
            jobs.Schedule<SuiteRunJob>(job => job.WatchAsync(suite, runId, CancellationToken.None), WatchInterval);
            return;
        }
        foreach (var regression in run.Regressions)
            logger.LogWarning("Suite {Suite} run {RunId}: {Kind} regression in {Part} / {Arm}: {Message}", suite, runId, regression.Kind, regression.Part, regression.Arm, regression.Message);
        logger.LogInformation("Suite {Suite} run {RunId} {Status} with {Regressions} regressions", suite, runId, run.Status, run.Regressions.Count);
    }

    async Task<string?> SubmitAsync(SuiteRunRow run, CancellationToken ct)
    {
        if (catalog.Find(run.Suite) is not { } suite) return $"there is no suite '{run.Suite}' in the suites folder";
        run.SuiteVersion = suite.Version;
        var errors = new ValidationErrors();
        var parts = SuiteExpander.Expand(suite, run.Size, errors);
        foreach (var (part, study) in parts)
        {
            var (_, _, gated) = await StudyGate.CheckAsync(gate, study, ct);
            foreach (var (path, messages) in gated.ToDictionary())
                foreach (var message in messages) errors.Add($"parts[{part}].{path}", message);
        }
        if (!errors.IsEmpty) return "the suite is invalid: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));

        var submitted = new List<SuiteRunStudy>();
        string? error = null;
        foreach (var (part, study) in parts)
        {
            var labels = suite.Parts.Single(p => p.Name == part).ArmLabels;
            var (outcome, created, _) = await studies.SubmitAsync(study, ct);
            if (outcome != StudySubmitOutcome.Created)
            {
                error = $"part {part}: {(outcome == StudySubmitOutcome.QueueFull ? "its jobs do not fit in the queue (MaxQueuedJobs)" : "rejected")}";
                break;
            }
            submitted.Add(new SuiteRunStudy(part, created!.Id, labels));
        }
        run.StudiesJson = JsonSerializer.Serialize(submitted, ContractJson.Options);
        return error;
    }

    /// <summary>Takes the oldest unclaimed run of this suite and size; the conditional update makes two jobs never take the same one.</summary>
    async Task<SuiteRunRow?> ClaimAsync(string suite, string size, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var id in await db.SuiteRuns.Where(r => r.Suite == suite && r.Size == size && r.ClaimedAt == null)
                     .OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(ct))
        {
            int taken = await db.SuiteRuns.Where(r => r.Id == id && r.ClaimedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedAt, now), ct);
            if (taken == 1) return await db.SuiteRuns.SingleAsync(r => r.Id == id, ct);
        }
        return null;
    }

    async Task<SuiteRunRow> CreateAsync(string suite, string size, CancellationToken ct)
    {
        var now = SuiteRunStore.Milliseconds(clock.GetUtcNow());
        var run = new SuiteRunRow { Id = Guid.CreateVersion7(now), Suite = suite, Size = size, Trigger = "schedule", CreatedAt = now, ClaimedAt = now };
        db.SuiteRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }
}

/// <summary>Which study a part of a run became, and the suite's names for its arms (null: the study's own labels).</summary>
internal sealed record SuiteRunStudy(string Part, Guid StudyId, IReadOnlyList<string>? ArmLabels);
