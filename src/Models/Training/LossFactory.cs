using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>A loss over a batch of outputs and targets, reduced to a scalar mean.</summary>
public delegate Tensor LossFunction(Tensor output, Tensor target);

/// <summary>Maps each loss kind to its function; the course's forms that TorchSharp lacks live in <see cref="CustomLosses"/>.</summary>
public static class LossFactory
{
    public static LossFunction Create(LossSpec loss) => loss switch
    {
        BceLossSpec => (output, target) => nn.functional.binary_cross_entropy(output, target),
        MseLossSpec => (output, target) => nn.functional.mse_loss(output, target),
        MaeLossSpec => (output, target) => nn.functional.l1_loss(output, target),
        HuberLossSpec h => (output, target) => nn.functional.huber_loss(output, target, delta: h.Delta),
        BceLogitsLossSpec or MultilabelBceLossSpec => (output, target) => nn.functional.binary_cross_entropy_with_logits(output, target),
        HingeLossSpec => CustomLosses.Hinge,
        CrossEntropyLossSpec => CustomLosses.CrossEntropy,
        TripletLossSpec t => (output, _) => CustomLosses.Triplet(output, t.Margin),
        ContrastiveLossSpec c => (output, target) => CustomLosses.Contrastive(output, target, c.Margin),
        _ => throw new NotSupportedException($"Loss kind {loss.GetType().Name} has no builder."),
    };
}
