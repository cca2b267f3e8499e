namespace TrainService.Jobs.Execution;

/// <summary>
/// This process as a worker. <see cref="Name"/> is what jobs record (TrainService:WorkerName, default
/// host name and pid); <see cref="Instance"/> adds a random part and owns leases, so a restarted process
/// (same host and pid in a container) or two workers given one name never mistake each other's leases.
/// </summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity(string? name = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? $"{Environment.MachineName}:{Environment.ProcessId}" : name;
        Instance = $"{Name}#{Guid.NewGuid():N}";
    }

    public string Name { get; }

    public string Instance { get; }
}
