namespace TrainService.Jobs.Execution;

/// <summary>What a worker does after a job ended and its lease is released (the halving scheduler's promotions).</summary>
public interface IJobEndedHandler
{
    Task AfterJobAsync(Guid jobId, CancellationToken ct);
}
