using TrainService.Contracts.Specs.Studies;

namespace TrainService.Contracts.Responses;

/// <summary>A suite as its file declares it, with its schedule.</summary>
/// <param name="Name">The suite's name (its file is suites/{name}.json).</param>
/// <param name="Version">The file's version; runs are compared only with runs of the same version and size.</param>
/// <param name="Title">The comparison the suite reproduces.</param>
/// <param name="Description">What it compares and on what.</param>
/// <param name="Parts">The studies one run submits (e.g. the same optimizers on an MLP and on a CNN).</param>
/// <param name="Sizes">The sizes it can run at (smoke, full) and their seeds.</param>
/// <param name="Schedule">The cron it runs on by itself; null when it runs only when asked.</param>
public sealed record SuiteSummary(
    string Name, int Version, string Title, string Description, IReadOnlyList<string> Parts,
    IReadOnlyList<SuiteSizeSummary> Sizes, SuiteSchedule? Schedule);

/// <summary>A size of a suite.</summary>
/// <param name="Name">smoke or full (or any other name the file gives).</param>
/// <param name="Seeds">The seeds every arm runs at this size.</param>
public sealed record SuiteSizeSummary(string Name, IReadOnlyList<long> Seeds);

/// <summary>A suite's schedule.</summary>
/// <param name="Cron">Cron expression (UTC).</param>
/// <param name="Size">The size scheduled runs use.</param>
/// <param name="Source">configuration (TrainService:Suites:Schedules) or api (PUT /api/suites/{name}/schedule, which wins).</param>
public sealed record SuiteSchedule(string Cron, string Size, string Source);

/// <summary>The machine a run measured on; runs are compared only with runs of the same machine.</summary>
/// <param name="Host">Host name.</param>
/// <param name="Cores">Logical processors the process sees.</param>
/// <param name="TorchThreads">libtorch intra-op threads per job.</param>
/// <param name="TrainingWorkers">Jobs trained at once.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Key">host/cores/torch threads/workers: what "the same machine" means.</param>
/// <param name="LoadAverage">The 1-minute load average when the run was submitted (Linux; null elsewhere): speed figures from a loaded machine are slower.</param>
public sealed record SuiteMachine(string Host, int Cores, int TorchThreads, int TrainingWorkers, string Os, string Key, double? LoadAverage);

/// <summary>A suite run in a list.</summary>
public sealed record SuiteRunSummary(Guid Id, string Suite, int SuiteVersion, string Size, JobStatus Status, DateTimeOffset CreatedAt,
    string ServiceVersion, string MachineKey, string Trigger);

/// <summary>One run of a suite: what ran, where, on which build, its tables and its regressions against the previous run.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Suite">The suite's name.</param>
/// <param name="SuiteVersion">The suite file's version at the run.</param>
/// <param name="Size">smoke or full.</param>
/// <param name="Status">queued until its studies are submitted and while their jobs wait; running while any job is unfinished; then cancelled if any job was cancelled, failed if the suite could not be submitted (see Error), else succeeded (a job that failed, e.g. diverged, is counted in its arm's Failed).</param>
/// <param name="CreatedAt">When the run was asked for (or its schedule fired).</param>
/// <param name="Trigger">api (POST …/runs) or schedule.</param>
/// <param name="ServiceVersion">The service's informational version, with the commit it was built from.</param>
/// <param name="Machine">Where it ran; null until the recurring job has taken the run.</param>
/// <param name="Error">Why the suite could not be submitted; null otherwise.</param>
/// <param name="BaselineRunId">The earlier run compared with: the newest succeeded run of the same suite, version, size and machine; null when there is none.</param>
/// <param name="Parts">One table per part.</param>
/// <param name="Regressions">Every arm marked as a regression against the baseline.</param>
public sealed record SuiteRunResponse(
    Guid Id, string Suite, int SuiteVersion, string Size, JobStatus Status, DateTimeOffset CreatedAt, string Trigger,
    string ServiceVersion, SuiteMachine? Machine, string? Error, Guid? BaselineRunId,
    IReadOnlyList<SuitePartResult> Parts, IReadOnlyList<SuiteRegression> Regressions);

/// <summary>One part of a suite run: its study and arms.</summary>
/// <param name="Name">The part's name.</param>
/// <param name="StudyId">The study it ran as (GET /api/studies/{id} has its jobs and paired tests).</param>
/// <param name="Objective">The compared metric and its direction.</param>
/// <param name="Arms">Ranked arms, best first.</param>
public sealed record SuitePartResult(string Name, Guid StudyId, StudyObjective Objective, IReadOnlyList<SuiteArmResult> Arms);

/// <summary>One arm of a suite run with its quality, speed and the baseline's figures.</summary>
/// <param name="Label">The arm's factor values in words.</param>
/// <param name="Rank">1 = best by mean objective.</param>
/// <param name="N">Seeds that succeeded.</param>
/// <param name="Failed">Seeds whose job failed (diverged, say): they have no result, and a suite such as clipping expects some.</param>
/// <param name="Mean">Mean final-epoch objective.</param>
/// <param name="CiLow">Lower end of its 95% confidence interval (Student t).</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="SecondsPerEpoch">Mean seconds per epoch.</param>
/// <param name="SamplesPerSecond">Training examples per second of epoch time, mean over the arm's succeeded jobs.</param>
/// <param name="Extras">Further figures the suite asks for (firstLastGradRatio: first/last layer gradient-norm ratio at the first diagnosed step), mean over seeds.</param>
/// <param name="Baseline">The same arm in the baseline run; null when there is none.</param>
/// <param name="QualityRegression">The mean is worse than the baseline's 95% confidence interval allows.</param>
/// <param name="SpeedRegression">Samples/s dropped by more than 10% against the baseline.</param>
public sealed record SuiteArmResult(
    string Label, int? Rank, int N, int Failed, double? Mean, double? CiLow, double? CiHigh, double? SecondsPerEpoch, double? SamplesPerSecond,
    IReadOnlyDictionary<string, double> Extras, SuiteArmBaseline? Baseline, bool QualityRegression, bool SpeedRegression);

/// <summary>An arm's figures in the baseline run.</summary>
public sealed record SuiteArmBaseline(double? Mean, double? CiLow, double? CiHigh, double? SamplesPerSecond);

/// <summary>A regression mark.</summary>
/// <param name="Part">The part.</param>
/// <param name="Arm">The arm's label.</param>
/// <param name="Kind">quality or speed.</param>
/// <param name="Message">What moved, in numbers.</param>
public sealed record SuiteRegression(string Part, string Arm, string Kind, string Message);
