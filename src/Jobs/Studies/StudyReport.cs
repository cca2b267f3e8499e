using System.Text.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;

namespace TrainService.Jobs.Studies;

/// <summary>An arm as stored with its study.</summary>
internal sealed record StoredArm(int Index, string Label, IReadOnlyDictionary<string, JsonElement> Values);

/// <summary>One job's outcome as the report needs it: the final-epoch objective (succeeded jobs only) and its epoch times.</summary>
internal sealed record JobOutcomeForStudy(StudyJob Job, IReadOnlyList<double> EpochSeconds);

/// <summary>
/// Turns a study's jobs into its table: per-arm statistics over the seeds that succeeded, the
/// ranking by mean, and paired tests of each arm against the best on the seeds both have.
/// </summary>
internal static class StudyReport
{
    /// <param name="armEpochs">With halving: the epochs each arm reached. Arms that went further rank first (a cut arm's
    /// objective is from a shorter run), and only arms that reached the best arm's epochs are compared with it.</param>
    public static (IReadOnlyList<StudyArmResult> Arms, JobStatus Status) Build(IReadOnlyList<StoredArm> arms, IReadOnlyList<JobOutcomeForStudy> jobs, ObjectiveMode mode,
        IReadOnlyDictionary<int, int>? armEpochs = null)
    {
        var byArm = arms.ToDictionary(a => a.Index, a => jobs.Where(j => j.Job.Arm == a.Index).ToList());
        var results = arms.Select(a => Summarise(a, byArm[a.Index])).ToList();
        int Reached(StudyArmResult r) => armEpochs?.GetValueOrDefault(r.Arm) ?? 0;
        var ranked = results.Where(r => r.Mean is not null)
            .OrderByDescending(Reached).ThenBy(r => mode == ObjectiveMode.Min ? r.Mean : -r.Mean).ThenBy(r => r.Arm).ToList();
        var status = StatusOf(jobs.Select(j => j.Job.Status).ToList());
        if (ranked.Count == 0) return (results, status);
        var best = Seeded(byArm[ranked[0].Arm]);
        var ordered = ranked.Select((r, i) => r with
        {
            Rank = i + 1,
            VsBest = i == 0 || Reached(r) != Reached(ranked[0]) ? null : Compare(Seeded(byArm[r.Arm]), best),
        }).Concat(results.Where(r => r.Mean is null)).ToList();
        return (ordered, status);
    }

    static StudyArmResult Summarise(StoredArm arm, List<JobOutcomeForStudy> jobs)
    {
        var values = jobs.Where(j => j.Job.Objective is not null).Select(j => j.Job.Objective!.Value).ToList();
        var seconds = jobs.SelectMany(j => j.EpochSeconds).ToList();
        double? perEpoch = seconds.Count > 0 ? seconds.Average() : null;
        if (values.Count == 0)
            return new StudyArmResult(arm.Index, arm.Label, arm.Values, null, 0, null, null, null, null, null, null, perEpoch, null);
        var ci = PairedTests.ConfidenceInterval95(values);
        return new StudyArmResult(arm.Index, arm.Label, arm.Values, null, values.Count, values.Average(), PairedTests.Std(values),
            ci?.Low, ci?.High, values.Min(), values.Max(), perEpoch, null);
    }

    static Dictionary<long, double> Seeded(List<JobOutcomeForStudy> jobs) =>
        jobs.Where(j => j.Job.Objective is not null).ToDictionary(j => j.Job.Seed, j => j.Job.Objective!.Value);

    static PairedComparison Compare(Dictionary<long, double> arm, Dictionary<long, double> best)
    {
        var seeds = arm.Keys.Intersect(best.Keys).Order().ToList();
        var a = seeds.Select(s => arm[s]).ToList();
        var b = seeds.Select(s => best[s]).ToList();
        double? meanDifference = seeds.Count == 0 ? null : a.Zip(b, (x, y) => x - y).Average();
        return new PairedComparison(seeds.Count, meanDifference, PairedTests.PairedTP(a, b), PairedTests.WilcoxonP(a, b));
    }

    /// <summary>queued until a job starts, running while any is unfinished, then cancelled &gt; failed &gt; succeeded.</summary>
    public static JobStatus StatusOf(IReadOnlyList<JobStatus> statuses)
    {
        if (statuses.All(s => s == JobStatus.Queued)) return JobStatus.Queued;
        if (statuses.Any(s => s is JobStatus.Queued or JobStatus.Running)) return JobStatus.Running;
        if (statuses.Contains(JobStatus.Cancelled)) return JobStatus.Cancelled;
        return statuses.Contains(JobStatus.Failed) ? JobStatus.Failed : JobStatus.Succeeded;
    }
}
