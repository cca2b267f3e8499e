namespace TrainService.Contracts.Responses;

/// <summary>One worker's start of a job: the first trained it, each later one resumed it.</summary>
/// <param name="Worker">The worker's name (TrainService:WorkerName; default host name and process id).</param>
/// <param name="StartedAt">When this worker started or resumed the job.</param>
/// <param name="FromEpoch">The epoch of the checkpoint it resumed from; 0 when it started from scratch.</param>
public sealed record JobAttempt(string Worker, DateTimeOffset StartedAt, int FromEpoch);
