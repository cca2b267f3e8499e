using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>An element-wise nonlinearity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Activation>))]
public enum Activation
{
    [JsonStringEnumMemberName("identity")] Identity,
    [JsonStringEnumMemberName("relu")] Relu,
    [JsonStringEnumMemberName("tanh")] Tanh,
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
}
