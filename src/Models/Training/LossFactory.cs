using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>A loss over a batch of outputs and targets, reduced to a scalar mean.</summary>
public delegate Tensor LossFunction(Tensor output, Tensor target);

/// <summary>Maps each loss kind to its function.</summary>
public static class LossFactory
{
    public static LossFunction Create(LossSpec loss) => loss switch
    {
        BceLossSpec => (output, target) => nn.functional.binary_cross_entropy(output, target),
        MseLossSpec => (output, target) => nn.functional.mse_loss(output, target),
        _ => throw new NotSupportedException($"Loss kind {loss.GetType().Name} has no builder."),
    };
}
