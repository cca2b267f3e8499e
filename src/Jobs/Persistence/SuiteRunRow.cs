namespace TrainService.Jobs.Persistence;

/// <summary>
/// One run of a suite. Asked for (POST …/runs) it starts as a row nobody has claimed; the recurring
/// job claims it, records the build and machine, submits the studies and stores their ids. A run the
/// schedule fires is created by the job itself. Its status is derived from its studies' jobs.
/// </summary>
internal sealed class SuiteRunRow
{
    public Guid Id { get; set; }
    public required string Suite { get; set; }
    public int SuiteVersion { get; set; }
    public required string Size { get; set; }
    /// <summary>api or schedule.</summary>
    public required string Trigger { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the recurring job took the run; null while it waits for one.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
    public string ServiceVersion { get; set; } = "";
    /// <summary>The SuiteMachine the run measured on, as JSON.</summary>
    public string MachineJson { get; set; } = "";
    public string MachineKey { get; set; } = "";
    /// <summary>[{part, studyId}] once submitted; null before.</summary>
    public string? StudiesJson { get; set; }
    /// <summary>Why the suite could not be submitted.</summary>
    public string? Error { get; set; }
}

/// <summary>A schedule set through the API (configuration schedules are not stored: they are read at start-up).</summary>
internal sealed class SuiteScheduleRow
{
    public required string Suite { get; set; }
    public required string Cron { get; set; }
    public required string Size { get; set; }
}
