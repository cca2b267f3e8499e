namespace TrainService.Jobs.Persistence;

/// <summary>One start of a job by a worker: the first trained it, each later one resumed it after a lost worker, a shutdown or a transient failure.</summary>
internal sealed class JobAttemptRow
{
    public Guid JobId { get; set; }
    public int Attempt { get; set; }
    public required string Worker { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The epoch of the checkpoint it continued from; 0 for a start from scratch.</summary>
    public int FromEpoch { get; set; }
}
