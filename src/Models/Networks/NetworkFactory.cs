using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Turns a validated <see cref="ModelSpec"/> into a TorchSharp module.</summary>
public static class NetworkFactory
{
    // Initialisers draw from libtorch's global generator; holding the lock while seeding and
    // building keeps concurrent jobs from interleaving draws, so a seed always gives the same weights.
    static readonly Lock GlobalRngLock = new();

    public static nn.Module<Tensor, Tensor> Build(ModelSpec model, long seed, int? tbpttWindow = null)
    {
        var (shapes, errors) = ShapeInference.Infer(model);
        if (errors.Count > 0)
            throw new InvalidOperationException("The model spec was not validated: " + string.Join("; ", errors.Values));
        lock (GlobalRngLock)
        {
            torch.random.manual_seed(seed);
            var context = new BuildContext(seed, model.Init, tbpttWindow, model.BiasInit);
            var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
            int[] shape = model.InputShape;
            for (int i = 0; i < model.Layers.Count; i++)
            {
                modules.AddRange(LayerFactory.Create(model.Layers[i], shape, i, context));
                shape = shapes[i].OutputShape;
            }
            return nn.Sequential(modules);
        }
    }
}
