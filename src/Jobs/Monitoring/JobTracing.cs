using System.Diagnostics;

namespace TrainService.Jobs.Monitoring;

/// <summary>
/// Links a job's training to the request that submitted it: the request's W3C trace context is
/// stored on the job row, and whichever process trains the job starts its activity as a child of
/// that context, so one trace id runs from API request to job to worker (and into their logs).
/// </summary>
public static class JobTracing
{
    public const string SourceName = "TrainService.Jobs";

    static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current activity's <c>traceparent</c> (what a submit stores), or null outside a W3C trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts the training activity as a child of the stored context; a job without one (submitted
    /// before the column existed, or outside a request) starts a trace of its own. Null when no
    /// listener samples the source.
    /// </summary>
    public static Activity? StartTraining(Guid jobId, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        var activity = Source.StartActivity("train job", ActivityKind.Consumer, parent);
        activity?.SetTag("trainservice.job.id", jobId.ToString());
        return activity;
    }

    /// <summary>Marks the current training activity (if this is one) with the job's final state.</summary>
    public static void RecordOutcome(Contracts.Responses.JobStatus status, string? reason)
    {
        if (Activity.Current is not { } activity || activity.Source != Source) return;
        activity.SetTag("trainservice.job.status", status.ToString().ToLowerInvariant());
        if (status == Contracts.Responses.JobStatus.Failed) activity.SetStatus(ActivityStatusCode.Error, reason);
    }
}
