namespace TrainService.Jobs.Execution;

/// <summary>This process as a lease owner: host, pid and a random part, so a restarted process never mistakes itself for its predecessor.</summary>
public sealed class WorkerIdentity
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
