using TrainService.Contracts.Specs;

namespace TrainService.Tests.Unit.Networks;

/// <summary>At least one sample of every layer kind with an input shape it accepts, exercising each kind's options.</summary>
public static class CatalogSamples
{
    public static readonly IReadOnlyList<(int[] Input, LayerSpec Layer)> Layers =
    [
        ([4], new LinearLayerSpec { Units = 3, Activation = Activation.Prelu, Init = new InitSpec { Scheme = InitScheme.HeNormal } }),
        ([4], new ActivationLayerSpec { Function = Activation.Prelu, PerChannel = true }),
        ([2, 3, 3], new ActivationLayerSpec { Function = Activation.Rrelu, Lower = 0.1, Upper = 0.2 }),
        ([4], new DropoutLayerSpec { P = 0.3 }),
        ([2, 3, 3], new FlattenLayerSpec()),
        ([2, 6, 6], new Conv2dLayerSpec { Filters = 3, Kernel = 3, Stride = 2, Padding = 1, Activation = Activation.Relu }),
        ([2, 6, 6], new MaxPool2dLayerSpec { Size = 2 }),
        ([2, 6, 6], new AvgPool2dLayerSpec { Size = 3, Stride = 1 }),
        ([2, 6, 6], new GlobalAvgPool2dLayerSpec()),
        ([4], new BatchNormLayerSpec()),
        ([2, 4, 4], new BatchNormLayerSpec()),
        ([3, 4], new LayerNormLayerSpec()),
        ([4], new ResidualLayerSpec
        {
            Layers = [new LinearLayerSpec { Units = 6, Activation = Activation.Tanh }, new LinearLayerSpec { Units = 5 }],
            BatchNorm = true, Activation = Activation.Relu, StochasticDepth = 0.5,
        }),
        ([4, 6, 6], new ResidualLayerSpec { Bottleneck = new BottleneckSpec { Reduce = 2, Filters = 8 }, PreActivation = true, BatchNorm = true, Activation = Activation.Relu }),
        ([2, 6, 6], new ResidualLayerSpec { Layers = [new Conv2dLayerSpec { Filters = 4, Stride = 2, Padding = 1 }] }),
        ([5], new HighwayLayerSpec { Activation = Activation.Tanh }),
        ([4], new DenseConcatLayerSpec { Layers = [new LinearLayerSpec { Units = 3, Activation = Activation.Relu }] }),
        ([2, 4, 4], new DenseConcatLayerSpec { Layers = [new Conv2dLayerSpec { Filters = 3, Padding = 1 }] }),
        ([5, 3], new RnnLayerSpec { Hidden = 4, NumLayers = 2, Dropout = 0.3, Nonlinearity = Activation.Relu }),
        ([5, 3], new LstmLayerSpec { Hidden = 4, Bidirectional = true, Output = RecurrentOutput.Sequence, InputInit = new InitSpec { Scheme = InitScheme.XavierUniform } }),
        ([5, 3], new LstmLayerSpec { Hidden = 4, NumLayers = 2, Peephole = true }),
        ([5, 3], new LstmLayerSpec { Hidden = 3, Peephole = true, Bidirectional = true }),
        ([5, 3], new GruLayerSpec { Hidden = 4, Bidirectional = true }),
    ];
}
