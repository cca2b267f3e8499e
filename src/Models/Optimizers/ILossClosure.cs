using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>Re-evaluates the training objective (loss plus penalties) on one fixed batch.</summary>
public interface ILossClosure
{
    /// <summary>Forward only: the loss with its graph, for optimizers that differentiate it themselves.</summary>
    Tensor Loss();

    /// <summary>Zeroes the gradients, runs forward and backward and clips; returns the loss.</summary>
    Tensor LossAndGradient();
}
