using TrainService.Contracts.Responses;

namespace TrainService.Models.Training;

/// <summary>What one optimizer step measured (<paramref name="ClippedGradientNorm"/>: after clipping, null without). Only finite values are reported; a non-finite step ends the run instead.</summary>
public readonly record struct StepMetrics(long Step, int Epoch, double Loss, double GradientNorm, double LearningRate, double? ClippedGradientNorm = null);

/// <summary>Receives progress from the training thread. Calls are synchronous and on that thread: keep them cheap.</summary>
public interface ITrainingObserver
{
    /// <summary>After each optimizer step.</summary>
    void OnStep(StepMetrics metrics) { }

    /// <summary>After each epoch, with its metrics; the session is at the boundary and may be checkpointed.</summary>
    void OnEpochEnd(EpochMetrics metrics, TrainingSession session);
}
