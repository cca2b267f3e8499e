namespace TrainService.Contracts.Responses;

/// <summary>What one epoch measured. Validation fields are absent without a validation split; accuracies only for classifiers.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean loss over the training split during the epoch.</param>
/// <param name="ValLoss">Loss on the validation split after the epoch.</param>
/// <param name="TrainAccuracy">Fraction of training examples classified correctly during the epoch.</param>
/// <param name="ValAccuracy">Fraction of validation examples classified correctly after the epoch.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took.</param>
/// <param name="LearningRate">The learning rate the epoch trained at (after warm-up and schedule).</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? ValLoss,
    double? TrainAccuracy,
    double? ValAccuracy,
    double Seconds,
    double? LearningRate = null);

/// <summary>The per-epoch history of a job.</summary>
/// <param name="JobId">The job the metrics belong to.</param>
/// <param name="Epochs">One record per completed epoch, in order.</param>
/// <param name="Test">The final model on the held-out test split, when the spec asked for one and training succeeded.</param>
public sealed record MetricsResponse(Guid JobId, IReadOnlyList<EpochMetrics> Epochs, TestMetrics? Test = null);
