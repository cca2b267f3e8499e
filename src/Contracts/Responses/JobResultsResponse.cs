namespace TrainService.Contracts.Responses;

/// <summary>A job's outcome in one object.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Final">The last completed epoch's metrics.</param>
/// <param name="BestMetric">The metric <see cref="Best"/> minimises: valLoss when there is a validation split, otherwise trainLoss.</param>
/// <param name="Best">The epoch with the lowest <see cref="BestMetric"/>.</param>
/// <param name="BestEpoch">That epoch's number.</param>
/// <param name="Parameters">Trainable parameters of the network.</param>
/// <param name="WallSeconds">From start to finish (to now while running).</param>
/// <param name="SecondsPerEpoch">Mean training+validation seconds per epoch.</param>
/// <param name="SamplesPerSecond">Training examples processed per second of epoch time.</param>
/// <param name="PeakMemoryBytes">Peak resident memory of the worker process while the job ran (shared with any job running beside it).</param>
/// <param name="EpochsCompleted">Epochs with metrics.</param>
/// <param name="Test">The held-out test measurement, when there is one.</param>
/// <param name="Events">Pathology events recorded by the diagnostics.</param>
public sealed record JobResultsResponse(
    Guid JobId,
    JobStatus Status,
    EpochMetrics? Final,
    string BestMetric,
    EpochMetrics? Best,
    int? BestEpoch,
    long Parameters,
    double? WallSeconds,
    double? SecondsPerEpoch,
    double? SamplesPerSecond,
    long? PeakMemoryBytes,
    int EpochsCompleted,
    TestMetrics? Test,
    IReadOnlyList<PathologyEvent> Events);
