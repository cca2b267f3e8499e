using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Persistence;

/// <summary>Our own record of a job; Hangfire's ids never leave the Jobs project.</summary>
internal sealed class JobRow : IOwnedRow
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>The accepted spec, serialized with defaults filled in. Write-once.</summary>
    public required string SpecJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FailureReason { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>Client-chosen key that makes a repeated submission return this job.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>The worker that holds the job, and until when; a lease makes sure no two workers train one job at once.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>
    /// A study's successive-halving scheduler stops the job after this many epochs for now (its spec
    /// keeps the full count); raised when the job's arm is promoted, null when it may train to the spec's end.
    /// </summary>
    public int? EpochBudget { get; set; }
    public string Owner { get; set; } = "";
    /// <summary>The submitting request's W3C <c>traceparent</c>: the worker that trains the job continues that trace.</summary>
    public string? TraceParent { get; set; }
}
