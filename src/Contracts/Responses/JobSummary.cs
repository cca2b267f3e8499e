namespace TrainService.Contracts.Responses;

/// <summary>A job as a list shows it: what it is and how far it got, without its spec (that is on GET /api/jobs/{id}).</summary>
/// <param name="Id">Stable identifier used in every job URL.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled.</param>
/// <param name="CreatedAt">When the job was accepted.</param>
/// <param name="StartedAt">When a worker began training it.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="DatasetKind">The dataset's kind, e.g. "xor", "uploaded".</param>
/// <param name="ModelKind">The kinds of the model's layers, distinct and in order of first appearance, joined by "+" (e.g. "linear", "conv2d+maxpool2d+flatten+linear").</param>
/// <param name="EpochsCompleted">Epochs trained so far.</param>
/// <param name="Epochs">Epochs the spec asks for (early stopping may end sooner).</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="FinalMetrics">The last completed epoch's metrics, once training started.</param>
public sealed record JobSummary(
    Guid Id,
    string Name,
    JobStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string DatasetKind,
    string ModelKind,
    int EpochsCompleted,
    int Epochs,
    string? FailureReason,
    EpochMetrics? FinalMetrics);
