using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>One layer of the network; the <c>kind</c> field selects its type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(LinearLayerSpec), "linear")]
[JsonDerivedType(typeof(ActivationLayerSpec), "activation")]
[JsonDerivedType(typeof(DropoutLayerSpec), "dropout")]
[JsonDerivedType(typeof(FlattenLayerSpec), "flatten")]
[JsonDerivedType(typeof(Conv2dLayerSpec), "conv2d")]
[JsonDerivedType(typeof(MaxPool2dLayerSpec), "maxpool2d")]
[JsonDerivedType(typeof(AvgPool2dLayerSpec), "avgpool2d")]
[JsonDerivedType(typeof(GlobalAvgPool2dLayerSpec), "global_avgpool2d")]
[JsonDerivedType(typeof(BatchNormLayerSpec), "batchnorm")]
[JsonDerivedType(typeof(LayerNormLayerSpec), "layernorm")]
[JsonDerivedType(typeof(ResidualLayerSpec), "residual")]
[JsonDerivedType(typeof(HighwayLayerSpec), "highway")]
[JsonDerivedType(typeof(DenseConcatLayerSpec), "dense_concat")]
[JsonDerivedType(typeof(RnnLayerSpec), "rnn")]
[JsonDerivedType(typeof(LstmLayerSpec), "lstm")]
[JsonDerivedType(typeof(GruLayerSpec), "gru")]
public abstract record LayerSpec;

/// <summary>A fully connected layer y = act(xWᵀ + b) over a flat input.</summary>
public sealed record LinearLayerSpec : LayerSpec
{
    [Description("Output features.")]
    [Range(1, 65_536)]
    public required int Units { get; init; }

    [Description("Activation applied to the output, with its course defaults (use an `activation` layer to set α, l, u).")]
    public Activation Activation { get; init; } = Activation.Identity;

    [Description("Whether the layer adds a learned bias.")]
    public bool Bias { get; init; } = true;

    [Description("Weight initialiser; absent = the model's default.")]
    public InitSpec? Init { get; init; }

    [Description("Bias initialiser (e.g. `{\"scheme\": \"constant\", \"value\": -3}`); absent = the model's `biasInit`, else TorchSharp's default.")]
    public InitSpec? BiasInit { get; init; }
}
