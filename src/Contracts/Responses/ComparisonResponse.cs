namespace TrainService.Contracts.Responses;

/// <summary>One metric of several jobs, aligned by epoch.</summary>
/// <param name="Metric">The compared metric (trainLoss, valLoss, trainAccuracy, valAccuracy or seconds).</param>
/// <param name="Jobs">The jobs, in the order asked for.</param>
/// <param name="Epochs">One row per epoch any job reached.</param>
public sealed record ComparisonResponse(string Metric, IReadOnlyList<ComparedJob> Jobs, IReadOnlyList<ComparisonRow> Epochs);

/// <summary>A compared job.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its spec's name.</param>
/// <param name="Status">Its status.</param>
public sealed record ComparedJob(Guid Id, string Name, JobStatus Status);

/// <summary>The metric of each job at one epoch; null where a job has no value for that epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Values">One entry per job, in the order of <see cref="ComparisonResponse.Jobs"/>.</param>
public sealed record ComparisonRow(int Epoch, IReadOnlyList<double?> Values);
