using TrainService.Contracts.Specs;
using TrainService.Models.Networks.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>
/// Builds rnn/lstm/gru as a stack of one-layer modules, so dropout between layers uses a seeded
/// generator (libtorch's built-in inter-layer dropout draws from the global one) and truncated
/// BPTT can carry each layer's state across windows.
/// </summary>
public static class RecurrentFactory
{
    public static nn.Module<Tensor, Tensor> Create(RecurrentLayerSpec r, int[] input, BuildContext context)
    {
        int directions = r.Bidirectional ? 2 : 1;
        var layers = new List<SequenceLayer>();
        for (int layer = 0; layer < r.NumLayers; layer++)
        {
            int features = layer == 0 ? input[1] : r.Hidden * directions;
            SequenceLayer built = r switch
            {
                LstmLayerSpec { Peephole: true } => new PeepholeLstmLayer(features, r.Hidden, r.Bidirectional),
                LstmLayerSpec => new TorchSequenceLayer(nn.LSTM(features, r.Hidden, batchFirst: true, bidirectional: r.Bidirectional)),
                GruLayerSpec => new TorchSequenceLayer(nn.GRU(features, r.Hidden, batchFirst: true, bidirectional: r.Bidirectional)),
                RnnLayerSpec rnn => new TorchSequenceLayer(nn.RNN(features, r.Hidden,
                    nonLinearity: rnn.Nonlinearity == Activation.Relu ? nn.NonLinearities.ReLU : nn.NonLinearities.Tanh,
                    batchFirst: true, bidirectional: r.Bidirectional)),
                _ => throw new NotSupportedException($"Recurrent kind {r.GetType().Name} has no builder."),
            };
            LayerFactory.Init(built, new(r.InputInit, r.BiasInit, r.RecurrentInit), context);
            if (r is LstmLayerSpec { ForgetGateBias: { } forget }) Initializers.ForgetGateBias(built, forget, r.Hidden);
            layers.Add(built);
        }
        return new RecurrentStack(layers, r.Dropout, context.TbpttWindow, r.Output, r.Hidden, r.Bidirectional, context.NextSeed());
    }
}
