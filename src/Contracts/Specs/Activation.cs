using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>
/// An element-wise nonlinearity. As the <c>activation</c> field of linear/conv2d layers it takes
/// its course defaults; a standalone <c>activation</c> layer can set its parameters (α, l, u, …).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Activation>))]
public enum Activation
{
    [JsonStringEnumMemberName("identity")] Identity,
    [JsonStringEnumMemberName("relu")] Relu,
    [JsonStringEnumMemberName("tanh")] Tanh,
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
    [JsonStringEnumMemberName("softsign")] Softsign,
    [JsonStringEnumMemberName("hard_sigmoid")] HardSigmoid,
    [JsonStringEnumMemberName("hard_tanh")] HardTanh,
    [JsonStringEnumMemberName("leaky_relu")] LeakyRelu,
    [JsonStringEnumMemberName("prelu")] Prelu,
    [JsonStringEnumMemberName("rrelu")] Rrelu,
    [JsonStringEnumMemberName("elu")] Elu,
    [JsonStringEnumMemberName("selu")] Selu,
    [JsonStringEnumMemberName("noisy_relu")] NoisyRelu,
    [JsonStringEnumMemberName("gelu")] Gelu,
    [JsonStringEnumMemberName("gelu_tanh")] GeluTanh,
    [JsonStringEnumMemberName("gelu_sigmoid")] GeluSigmoid,
    [JsonStringEnumMemberName("silu")] Silu,
    [JsonStringEnumMemberName("softplus")] Softplus,
    [JsonStringEnumMemberName("softmax")] Softmax,
}
