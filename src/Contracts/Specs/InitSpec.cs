using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>How a layer's weight matrices (as <c>init</c>) or its biases (as <c>biasInit</c>) are initialised; same seed, same weights.</summary>
public sealed record InitSpec
{
    [Description("The scheme: xavier_uniform, xavier_normal, he_uniform, he_normal, lecun_normal, orthogonal (matrices only), zeros, normal or constant. For a bias the fan-based schemes use the fans of the bias's own weight matrix.")]
    public required InitScheme Scheme { get; init; }

    [Description("Standard deviation for the `normal` scheme; ignored by the others.")]
    [Range(1e-8, 10.0)]
    public double Std { get; init; } = 0.01;

    [Description("The value of every entry for the `constant` scheme (e.g. −3 as a bias kills ReLUs); ignored by the others.")]
    [Range(-1e3, 1e3)]
    public double Value { get; init; }
}

/// <summary>Weight initialisation schemes (fan-based ones use the weight's fan-in/fan-out).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InitScheme>))]
public enum InitScheme
{
    [JsonStringEnumMemberName("xavier_uniform")] XavierUniform,
    [JsonStringEnumMemberName("xavier_normal")] XavierNormal,
    [JsonStringEnumMemberName("he_uniform")] HeUniform,
    [JsonStringEnumMemberName("he_normal")] HeNormal,
    [JsonStringEnumMemberName("lecun_normal")] LecunNormal,
    [JsonStringEnumMemberName("orthogonal")] Orthogonal,
    [JsonStringEnumMemberName("zeros")] Zeros,
    [JsonStringEnumMemberName("normal")] Normal,
    [JsonStringEnumMemberName("constant")] Constant,
}
