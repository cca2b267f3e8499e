using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Builds the modules of one layer spec, given the (already validated) shape it receives.</summary>
public static class LayerFactory
{
    public static IEnumerable<(string Name, nn.Module<Tensor, Tensor> Module)> Create(LayerSpec layer, int[] input, int index, BuildContext context) => layer switch
    {
        LinearLayerSpec l => WithActivation(index, "linear", Init(nn.Linear(input[0], l.Units, hasBias: l.Bias), new(l.Init, l.BiasInit), context), l.Activation, context),
        Conv2dLayerSpec c => WithActivation(index, "conv2d",
            Init(nn.Conv2d(input[0], c.Filters, c.Kernel, stride: c.Stride, padding: c.Padding, bias: c.Bias), new(c.Init, c.BiasInit), context), c.Activation, context),
        _ => [($"{index}_{ShapeInference.KindOf(layer)}", CreateOne(layer, input, context))],
    };

    static nn.Module<Tensor, Tensor> CreateOne(LayerSpec layer, int[] input, BuildContext context) => layer switch
    {
        ActivationLayerSpec a => ActivationFactory.Create(a, input, context),
        DropoutLayerSpec d => new Modules.SeededDropout(d.P, context.NextSeed()),
        FlattenLayerSpec => nn.Flatten(),
        MaxPool2dLayerSpec m => nn.MaxPool2d(m.Size, m.Stride ?? m.Size),
        AvgPool2dLayerSpec a => nn.AvgPool2d(a.Size, a.Stride ?? a.Size),
        GlobalAvgPool2dLayerSpec => nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()),
        BatchNormLayerSpec b => BatchNorm(input, b.Eps, b.Momentum),
        LayerNormLayerSpec n => nn.LayerNorm(input.Select(d => (long)d).ToArray(), n.Eps),
        HighwayLayerSpec h => Highway(h, input, context),
        ResidualLayerSpec r => BlockFactory.Residual(r, input, context),
        DenseConcatLayerSpec d => new Modules.DenseConcatBlock(Sequence(d.Layers, input, context)),
        RecurrentLayerSpec r => RecurrentFactory.Create(r, input, context),
        _ => throw new NotSupportedException($"Layer kind {layer.GetType().Name} has no builder."),
    };

    /// <summary>An inner layer list as one Sequential, for blocks.</summary>
    public static nn.Module<Tensor, Tensor> Sequence(IReadOnlyList<LayerSpec> layers, int[] shape, BuildContext context)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i < layers.Count; i++)
        {
            modules.AddRange(Create(layers[i], shape, i, context));
            shape = LayerShapes.Next(layers[i], shape, "$", []).Shape
                ?? throw new InvalidOperationException("The model spec was not validated.");
        }
        return nn.Sequential(modules);
    }

    public static nn.Module<Tensor, Tensor> BatchNorm(int[] input, double eps = 1e-5, double momentum = 0.1) =>
        input.Length == 1 ? nn.BatchNorm1d(input[0], eps, momentum) : nn.BatchNorm2d(input[0], eps, momentum);

    static nn.Module<Tensor, Tensor> Highway(HighwayLayerSpec h, int[] input, BuildContext context)
    {
        var layer = new Modules.HighwayLayer(input[0], ActivationFactory.Create(h.Activation, context), h.GateBias);
        Init(layer, new(h.Init, h.BiasInit), context);
        layer.ResetGateBias(); // biasInit is the transform's; the gate keeps gateBias
        return layer;
    }

    /// <summary>Applies the layer's initialisers, each falling back to the model's default.</summary>
    public static T Init<T>(T module, ModuleInit init, BuildContext context) where T : nn.Module
    {
        Initializers.Apply(module, init with { Weights = init.Weights ?? context.DefaultInit, Bias = init.Bias ?? context.DefaultBiasInit });
        return module;
    }

    static IEnumerable<(string, nn.Module<Tensor, Tensor>)> WithActivation(int index, string kind, nn.Module<Tensor, Tensor> module, Activation activation, BuildContext context)
    {
        yield return ($"{index}_{kind}", module);
        if (activation != Activation.Identity)
            yield return ($"{index}_{ActivationChecks.Name(activation)}", ActivationFactory.Create(activation, context));
    }
}
