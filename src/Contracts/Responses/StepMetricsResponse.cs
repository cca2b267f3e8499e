namespace TrainService.Contracts.Responses;

/// <summary>What one optimizer step measured.</summary>
/// <param name="Step">Global 1-based optimizer step.</param>
/// <param name="Loss">Mean loss of the step's batch.</param>
/// <param name="GradNorm">Global L2 norm of the gradient before clipping and the update.</param>
/// <param name="Lr">Learning rate used by the step.</param>
/// <param name="ClippedGradNorm">Global L2 norm after clipping (the divergence bound applies to it); null when the spec clips nothing.</param>
public sealed record StepMetricsResponse(int Step, double Loss, double GradNorm, double Lr, double? ClippedGradNorm = null);

/// <summary>Per-step metrics of a job, downsampled on the server when there are more than maxPoints.</summary>
/// <param name="JobId">The job.</param>
/// <param name="TotalSteps">Steps recorded in all.</param>
/// <param name="Stride">Every stride-th step is returned (1 = all), always including the last.</param>
/// <param name="Steps">The returned steps, in order.</param>
public sealed record StepSeriesResponse(Guid JobId, int TotalSteps, int Stride, IReadOnlyList<StepMetricsResponse> Steps);
