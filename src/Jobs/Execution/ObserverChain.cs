using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>Calls several observers in order.</summary>
public sealed class ObserverChain(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        foreach (var observer in observers) observer.OnEpochEnd(metrics, session);
    }
}
