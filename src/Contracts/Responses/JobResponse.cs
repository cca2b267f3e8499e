using TrainService.Contracts.Specs;

namespace TrainService.Contracts.Responses;

/// <summary>A training job as the API shows it.</summary>
/// <param name="Id">Stable identifier used in every job URL.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled.</param>
/// <param name="Spec">The spec as accepted, with defaults filled in.</param>
/// <param name="CreatedAt">When the job was accepted.</param>
/// <param name="StartedAt">When a worker began training it.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="FinalMetrics">The last epoch's metrics, once training ended.</param>
/// <param name="TestMetrics">The trained model on the held-out test split; absent without one, and until training succeeded.</param>
/// <param name="Events">Pathology events recorded by the diagnostics (vanishing/exploding gradients, dead or saturated layers, divergence).</param>
/// <param name="Warnings">On submission only: what the spec is likely to run into (as from /api/specs/validate).</param>
/// <param name="Attempts">Every worker that started this job, in order: the first trained it, later ones resumed it from a checkpoint.</param>
public sealed record JobResponse(
    Guid Id,
    string Name,
    JobStatus Status,
    TrainingSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason,
    EpochMetrics? FinalMetrics,
    TestMetrics? TestMetrics = null,
    IReadOnlyList<PathologyEvent>? Events = null,
    IReadOnlyList<SpecWarning>? Warnings = null,
    IReadOnlyList<JobAttempt>? Attempts = null);

/// <summary>One page of a newest-first listing.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items across all pages.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
