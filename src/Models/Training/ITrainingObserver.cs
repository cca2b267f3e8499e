using TrainService.Contracts.Responses;

namespace TrainService.Models.Training;

/// <summary>Receives progress from the training thread. Calls are synchronous and on that thread.</summary>
public interface ITrainingObserver
{
    /// <summary>After each epoch, with its metrics; the session is at the boundary and may be checkpointed.</summary>
    void OnEpochEnd(EpochMetrics metrics, TrainingSession session);
}
