using TorchSharp;
using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// The objective on one batch: data loss plus penalties, then backward and clipping. Keeps the
/// first evaluation (before any update) for the epoch's loss and accuracy, whatever number of
/// evaluations the optimizer makes, and runs the divergence checks on it.
/// </summary>
/// <param name="flat">The parameters laid out flat, when they are: gradients are then zeroed and measured over the flat buffer.</param>
public sealed class BatchClosure(nn.Module<Tensor, Tensor> model, LossFunction loss, Tensor x, Tensor y, Parameter[] parameters, TrainingSettings settings, FlatParameters? flat = null)
    : ILossClosure
{
    public Tensor? FirstOutput { get; private set; }
    public double? FirstLoss { get; private set; }
    /// <summary>Global L2 norm of the first gradient, before clipping; null for optimizers that never ask for .grad (newton).</summary>
    public double? FirstGradientNorm { get; private set; }
    /// <summary>The same after clipping; null without clipping. The divergence bound applies to it, since taming the norm is what clipping is for.</summary>
    public double? FirstClippedGradientNorm { get; private set; }

    public Action<double>? CheckLoss { get; init; }
    public Action<double>? CheckGradientNorm { get; init; }

    public Tensor Loss()
    {
        var output = model.forward(x);
        var dataLoss = loss(output, y);
        if (FirstOutput is null)
        {
            FirstOutput = output.detach();
            FirstLoss = dataLoss.ToDouble();
            CheckLoss?.Invoke(FirstLoss.Value);
        }
        return Penalties.Add(dataLoss, parameters, settings.Regularization);
    }

    public Tensor LossAndGradient()
    {
        if (flat is not null) flat.ZeroGradients();
        else foreach (var p in parameters) p.grad?.zero_();
        var total = Loss();
        total.backward();
        bool first = FirstGradientNorm is null;
        double norm = 0;
        double? clipped = null;
        if (first && settings.Clipping is ValueClippingSpec value)
        {
            // Both norms from one host read: clipping by value adds no sync of its own.
            var norms = GradientNorms.GlobalBeforeAndAfterValueClip(parameters, value.ClipValue).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            (norm, clipped) = (norms[0], norms[1]);
        }
        else if (first || settings.Clipping is NormClippingSpec)
        {
            norm = flat is not null ? GradientNorms.Global(flat) : GradientNorms.Global(parameters);
            clipped = GradientClipping.NormAfter(settings.Clipping, norm);
        }
        GradientClipping.Apply(settings.Clipping, parameters, norm);
        if (first)
        {
            FirstGradientNorm = norm;
            FirstClippedGradientNorm = clipped;
            CheckGradientNorm?.Invoke(clipped ?? norm);
        }
        return total;
    }
}
