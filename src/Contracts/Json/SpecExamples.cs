using TrainService.Contracts.Specs;

namespace TrainService.Contracts.Json;

/// <summary>One example per spec kind, shown in Swagger; a test checks every kind has one and that each example deserializes.</summary>
public static class SpecExamples
{
    static readonly LinearLayerSpec Dense = new() { Units = 16, Activation = Activation.Relu, Init = new InitSpec { Scheme = InitScheme.HeNormal } };

    public static IReadOnlyDictionary<Type, object> All { get; } = new Dictionary<Type, object>
    {
        [typeof(LinearLayerSpec)] = Dense,
        [typeof(ActivationLayerSpec)] = new ActivationLayerSpec { Function = Activation.LeakyRelu, Alpha = 0.1 },
        [typeof(DropoutLayerSpec)] = new DropoutLayerSpec { P = 0.2 },
        [typeof(FlattenLayerSpec)] = new FlattenLayerSpec(),
        [typeof(Conv2dLayerSpec)] = new Conv2dLayerSpec { Filters = 8, Kernel = 3, Padding = 1, Activation = Activation.Relu },
        [typeof(MaxPool2dLayerSpec)] = new MaxPool2dLayerSpec { Size = 2 },
        [typeof(AvgPool2dLayerSpec)] = new AvgPool2dLayerSpec { Size = 2 },
        [typeof(GlobalAvgPool2dLayerSpec)] = new GlobalAvgPool2dLayerSpec(),
        [typeof(BatchNormLayerSpec)] = new BatchNormLayerSpec(),
        [typeof(LayerNormLayerSpec)] = new LayerNormLayerSpec(),
        [typeof(ResidualLayerSpec)] = new ResidualLayerSpec { Layers = [Dense, new LinearLayerSpec { Units = 16 }], Activation = Activation.Relu, StochasticDepth = 0.1 },
        [typeof(HighwayLayerSpec)] = new HighwayLayerSpec { Activation = Activation.Tanh, GateBias = -2 },
        [typeof(DenseConcatLayerSpec)] = new DenseConcatLayerSpec { Layers = [new LinearLayerSpec { Units = 8, Activation = Activation.Relu }] },
        [typeof(RnnLayerSpec)] = new RnnLayerSpec { Hidden = 32, Nonlinearity = Activation.Tanh },
        [typeof(LstmLayerSpec)] = new LstmLayerSpec { Hidden = 32, Peephole = true },
        [typeof(GruLayerSpec)] = new GruLayerSpec { Hidden = 32, NumLayers = 2, Dropout = 0.2, Bidirectional = true },
        [typeof(BceLossSpec)] = new BceLossSpec(),
        [typeof(MseLossSpec)] = new MseLossSpec(),
        [typeof(MaeLossSpec)] = new MaeLossSpec(),
        [typeof(HuberLossSpec)] = new HuberLossSpec { Delta = 1.0 },
        [typeof(BceLogitsLossSpec)] = new BceLogitsLossSpec(),
        [typeof(HingeLossSpec)] = new HingeLossSpec(),
        [typeof(CrossEntropyLossSpec)] = new CrossEntropyLossSpec(),
        [typeof(MultilabelBceLossSpec)] = new MultilabelBceLossSpec(),
        [typeof(TripletLossSpec)] = new TripletLossSpec { Margin = 0.2 },
        [typeof(ContrastiveLossSpec)] = new ContrastiveLossSpec { Margin = 1.0 },
        [typeof(AddingDatasetSpec)] = new AddingDatasetSpec { Length = 50, Samples = 2000 },
        [typeof(MemoryDatasetSpec)] = new MemoryDatasetSpec { Length = 20, Symbols = 4 },
        [typeof(NoisySineDatasetSpec)] = new NoisySineDatasetSpec { Window = 20, Noise = 0.05 },
        [typeof(SyntheticImagesDatasetSpec)] = new SyntheticImagesDatasetSpec { Samples = 600, Noise = 0.2 },
    };
}
