using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>How a training run ended, decided in one place from what it threw (or did not).</summary>
/// <param name="Status">The job's final state; null when the job is not finished (interrupted, or a transient failure to retry).</param>
/// <param name="Reason">The failure reason users see.</param>
/// <param name="Rethrow">What to throw to Hangfire or the retry loop, when the job is not finished here.</param>
public sealed record JobOutcome(JobStatus? Status, string? Reason = null, Exception? Rethrow = null)
{
    /// <param name="error">What the run threw, or null when it completed.</param>
    /// <param name="shutdown">The host is stopping: the job resumes on the next start.</param>
    /// <param name="deadline">The job's own time limit ran out.</param>
    /// <param name="limit">That limit, for the reason.</param>
    /// <param name="epochsCompleted">How far the run got, for the reason.</param>
    public static JobOutcome Of(Exception? error, CancellationToken shutdown, CancellationToken deadline, TimeSpan limit, int epochsCompleted) => error switch
    {
        null => new(JobStatus.Succeeded),
        OperationCanceledException when shutdown.IsCancellationRequested => new(null, Rethrow: error),
        OperationCanceledException when deadline.IsCancellationRequested =>
            new(JobStatus.Failed, $"exceeded its time limit of {limit.TotalSeconds:0} s during epoch {epochsCompleted + 1}"),
        OperationCanceledException => new(JobStatus.Cancelled),
        TrainingDivergedException diverged => new(JobStatus.Failed, diverged.Message),
        _ when TransientTorchFailure.Matches(error) => new(null, Rethrow: new TransientTrainingFailure(error)),
        _ => new(JobStatus.Failed, $"training failed: {error.Message}"),
    };
}

/// <summary>A libtorch failure known to pass on a retry; the job resumes from its newest checkpoint.</summary>
public sealed class TransientTrainingFailure(Exception inner) : Exception(inner.Message, inner);
