namespace TrainService.Contracts.Responses;

/// <summary>A saved training state; any of them can be downloaded, predicted with, or used for a warm start.</summary>
/// <param name="Name">final, best, interrupted, or epoch-000010 for periodic ones.</param>
/// <param name="Epoch">Epochs completed when it was written.</param>
/// <param name="Step">Optimizer steps taken when it was written.</param>
/// <param name="MetricValue">For <c>best</c>: the value of the metric that made it best.</param>
/// <param name="SizeBytes">Size of the file.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record CheckpointResponse(string Name, int Epoch, long Step, double? MetricValue, long SizeBytes, DateTimeOffset CreatedAt);
