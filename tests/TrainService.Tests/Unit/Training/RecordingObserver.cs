using TrainService.Contracts.Responses;
using TrainService.Models.Training;

namespace TrainService.Tests.Unit.Training;

/// <summary>Keeps every epoch's metrics in order, as the job's metrics writer would store them.</summary>
public sealed class RecordingObserver : ITrainingObserver
{
    public List<EpochMetrics> Epochs { get; } = [];

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session) => Epochs.Add(metrics);
}
