namespace TrainService.Jobs.Persistence;

/// <summary>A training process that is (or was) alive: written at start, its heartbeat refreshed while it runs, removed when it stops.</summary>
internal sealed class WorkerRow
{
    /// <summary>Unique per process start (the worker name plus a random part); the lease owner of the jobs it trains.</summary>
    public required string Instance { get; set; }
    public required string Name { get; set; }
    public required string Device { get; set; }
    public int Capacity { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset HeartbeatAt { get; set; }
}
