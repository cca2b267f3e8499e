using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Builds the modules of one layer spec, given the shape it receives.</summary>
public static class LayerFactory
{
    public static IEnumerable<(string Name, nn.Module<Tensor, Tensor> Module)> Create(LayerSpec layer, int[] inputShape, int index) => layer switch
    {
        LinearLayerSpec linear => WithActivation(index, "linear", nn.Linear(inputShape[0], linear.Units, hasBias: linear.Bias), linear.Activation),
        _ => throw new NotSupportedException($"Layer kind {layer.GetType().Name} has no builder."),
    };

    static IEnumerable<(string, nn.Module<Tensor, Tensor>)> WithActivation(int index, string kind, nn.Module<Tensor, Tensor> module, Activation activation)
    {
        yield return ($"{index}_{kind}", module);
        if (activation != Activation.Identity)
            yield return ($"{index}_{activation.ToString().ToLowerInvariant()}", ActivationFactory.Create(activation));
    }
}
