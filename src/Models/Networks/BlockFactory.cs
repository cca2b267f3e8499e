using TrainService.Contracts.Specs;
using TrainService.Models.Networks.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Builds residual blocks: branch, projection (when the branch changes the shape), pre/post activation and batch norm.</summary>
public static class BlockFactory
{
    public static nn.Module<Tensor, Tensor> Residual(ResidualLayerSpec r, int[] input, BuildContext context)
    {
        var inner = BlockShapes.BranchOf(r, input);
        var output = ShapeInference.Walk(inner, input, "$", []).Shape ?? throw new InvalidOperationException("The model spec was not validated.");
        var branch = LayerFactory.Sequence(inner, input, context);
        var activation = r.Activation == Activation.Identity ? null : ActivationFactory.Create(r.Activation, context);
        nn.Module<Tensor, Tensor>? pre = null, post = null;
        if (r.PreActivation)
        {
            var steps = new List<nn.Module<Tensor, Tensor>>();
            if (r.BatchNorm) steps.Add(LayerFactory.BatchNorm(input));
            if (activation is not null) steps.Add(activation);
            pre = steps.Count == 0 ? null : nn.Sequential(steps);
        }
        else
        {
            if (r.BatchNorm) branch = nn.Sequential(branch, LayerFactory.BatchNorm(output));
            post = activation;
        }
        return new ResidualBlock(branch, Projection(input, output, context), pre, post, r.StochasticDepth, context.NextSeed());
    }

    static nn.Module<Tensor, Tensor>? Projection(int[] input, int[] output, BuildContext context)
    {
        if (input.SequenceEqual(output)) return null;
        int stride = BlockShapes.ProjectionStride(input, output) ?? throw new InvalidOperationException("The model spec was not validated.");
        nn.Module<Tensor, Tensor> projection = input.Length == 1
            ? nn.Linear(input[0], output[0], hasBias: false)
            : nn.Conv2d(input[0], output[0], 1, stride: stride, bias: false);
        return LayerFactory.Init(projection, new ModuleInit(null), context);
    }
}
