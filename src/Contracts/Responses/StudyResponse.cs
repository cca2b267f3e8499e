using System.Text.Json;
using TrainService.Contracts.Specs.Studies;

namespace TrainService.Contracts.Responses;

/// <summary>A study, its jobs and the per-arm statistics of its objective.</summary>
/// <param name="Id">The study's id.</param>
/// <param name="Name">The study's name.</param>
/// <param name="Status">queued until a job starts; running while any job is queued or running; then cancelled if any job was cancelled, else failed if any failed, else succeeded.</param>
/// <param name="CreatedAt">When the study was submitted.</param>
/// <param name="Objective">The compared metric and its direction.</param>
/// <param name="Seeds">The seeds every arm runs.</param>
/// <param name="Arms">One row per arm, best first (ranked by mean objective; with halving, arms that trained more epochs first; arms without results last).</param>
/// <param name="Jobs">Every job of the study, by arm and seed.</param>
/// <param name="Halving">With a halving scheduler: its rungs, where it stands and the compute it saved; null otherwise.</param>
public sealed record StudyResponse(
    Guid Id, string Name, JobStatus Status, DateTimeOffset CreatedAt, StudyObjective Objective,
    IReadOnlyList<long> Seeds, IReadOnlyList<StudyArmResult> Arms, IReadOnlyList<StudyJob> Jobs, HalvingProgress? Halving = null);

/// <summary>Where a successive-halving study stands and what it saved.</summary>
/// <param name="Budgets">Epochs each rung trains to, e.g. [3, 9, 27]; the last is the base spec's epochs.</param>
/// <param name="Rung">0-based index of the rung whose jobs run now (the last one once the study is done).</param>
/// <param name="ArmEpochs">Per arm index: the epochs its jobs have trained to (the rung it reached).</param>
/// <param name="EpochsTrained">Epochs trained by all the study's jobs together.</param>
/// <param name="FullGridEpochs">Epochs the same arms and seeds would train without the scheduler (jobs × the base spec's epochs).</param>
/// <param name="SavedFraction">1 − EpochsTrained / FullGridEpochs.</param>
/// <param name="Error">Why the last attempt to move to the next rung failed (when, and the error); null when none failed since the rung last moved.
/// The next job end of the study or the next start-up tries again.</param>
public sealed record HalvingProgress(
    IReadOnlyList<int> Budgets, int Rung, IReadOnlyDictionary<int, int> ArmEpochs, int EpochsTrained, int FullGridEpochs, double SavedFraction, string? Error = null);

/// <summary>One arm's settings and the statistics of its objective over the seeds that succeeded.</summary>
/// <param name="Arm">0-based arm index, in grid order (the first factor varies slowest).</param>
/// <param name="Label">The arm's factor values in words, e.g. "optimizer=adam, lr=0.01".</param>
/// <param name="Values">The value each factor path takes in this arm.</param>
/// <param name="Rank">1 = best by mean objective; null while no job of the arm has succeeded.</param>
/// <param name="N">Jobs of the arm that succeeded (the sample size).</param>
/// <param name="Mean">Mean of the final-epoch objective.</param>
/// <param name="Std">Sample standard deviation (n − 1); null when n &lt; 2.</param>
/// <param name="CiLow">Lower end of the 95% confidence interval of the mean (Student t, n − 1 degrees of freedom).</param>
/// <param name="CiHigh">Upper end of that interval.</param>
/// <param name="Min">Smallest objective value.</param>
/// <param name="Max">Largest objective value.</param>
/// <param name="SecondsPerEpoch">Mean wall-clock seconds per epoch over the epochs of the arm's succeeded jobs.</param>
/// <param name="VsBest">This arm against the best arm on the seeds both have; null for the best arm itself.</param>
public sealed record StudyArmResult(
    int Arm, string Label, IReadOnlyDictionary<string, JsonElement> Values, int? Rank, int N,
    double? Mean, double? Std, double? CiLow, double? CiHigh, double? Min, double? Max,
    double? SecondsPerEpoch, PairedComparison? VsBest);

/// <summary>Paired tests of an arm against the best arm over the seeds both have results for.</summary>
/// <param name="Pairs">Seeds with a result in both arms.</param>
/// <param name="MeanDifference">Mean of (this arm − best arm) over the pairs; null with no pairs.</param>
/// <param name="PairedTP">Two-sided p-value of the paired t-test; null with fewer than 2 pairs.</param>
/// <param name="WilcoxonP">Two-sided exact p-value of the Wilcoxon signed-rank test (zero differences dropped, tied ranks averaged); null with no non-zero difference.</param>
public sealed record PairedComparison(int Pairs, double? MeanDifference, double? PairedTP, double? WilcoxonP);

/// <summary>One job of a study.</summary>
public sealed record StudyJob(Guid JobId, int Arm, long Seed, JobStatus Status, double? Objective);

/// <summary>A study in a list.</summary>
public sealed record StudySummary(Guid Id, string Name, JobStatus Status, DateTimeOffset CreatedAt, int Arms, int Jobs);
