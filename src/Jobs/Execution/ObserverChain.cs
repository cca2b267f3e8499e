using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>Calls several observers in order.</summary>
public sealed class ObserverChain(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnStep(StepMetrics metrics)
    {
        foreach (var observer in observers) observer.OnStep(metrics);
    }

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        foreach (var observer in observers) observer.OnEpochEnd(metrics, session);
    }
}
