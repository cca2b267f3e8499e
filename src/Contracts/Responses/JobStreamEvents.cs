namespace TrainService.Contracts.Responses;

/// <summary>SSE event <c>status</c>: the job changed state (sent once on connect, on each change, and last before <c>end</c>).</summary>
/// <param name="Status">The job's state now.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
public sealed record JobStatusEvent(JobStatus Status, string? FailureReason);

/// <summary>SSE event <c>end</c>: the job is final and the stream closes; nothing follows.</summary>
/// <param name="Status">The final state: succeeded, failed or cancelled.</param>
public sealed record JobStreamEnd(JobStatus Status);
