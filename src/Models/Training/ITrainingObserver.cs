using TrainService.Contracts.Responses;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Receives progress from the training thread. Calls are synchronous and on that thread.</summary>
public interface ITrainingObserver
{
    /// <summary>After each epoch, with its metrics and the model in its current state.</summary>
    void OnEpochEnd(EpochMetrics metrics, nn.Module<Tensor, Tensor> model);

    /// <summary>Once, after the last epoch, when the spec holds out a test split.</summary>
    void OnTestEnd(TestMetrics metrics) { }
}
