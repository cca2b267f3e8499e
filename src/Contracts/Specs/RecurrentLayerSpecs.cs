using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>Settings shared by rnn, lstm and gru over [T, F] inputs (batch first).</summary>
public abstract record RecurrentLayerSpec : LayerSpec
{
    [Description("Hidden units per direction.")]
    [Range(1, 4096)]
    public required int Hidden { get; init; }

    [Description("Stacked recurrent layers.")]
    [Range(1, 16)]
    public int NumLayers { get; init; } = 1;

    [Description("Run a second layer backwards in time and concatenate both.")]
    public bool Bidirectional { get; init; }

    [Description("Dropout between stacked layers (training only).")]
    [Range(0.0, 0.99)]
    public double Dropout { get; init; }

    [Description("`last`: the final time step, [H·directions]; `sequence`: every step, [T, H·directions].")]
    public RecurrentOutput Output { get; init; } = RecurrentOutput.Last;

    [Description("Initialiser of the input-to-hidden weights; absent = the model's `init`, else TorchSharp's default.")]
    public InitSpec? InputInit { get; init; }

    [Description("Initialiser of the hidden-to-hidden weights (e.g. `normal` with a large std to make gradients explode); absent = orthogonal when an input scheme applies, else TorchSharp's default.")]
    public InitSpec? RecurrentInit { get; init; }

    [Description("Initialiser of every bias; absent = the model's `biasInit`, else TorchSharp's default.")]
    public InitSpec? BiasInit { get; init; }
}

/// <summary>What a recurrent layer passes on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecurrentOutput>))]
public enum RecurrentOutput
{
    [JsonStringEnumMemberName("last")] Last,
    [JsonStringEnumMemberName("sequence")] Sequence,
}

/// <summary>Elman RNN: h_t = act(W x_t + U h_{t−1} + b).</summary>
public sealed record RnnLayerSpec : RecurrentLayerSpec
{
    [Description("tanh or relu.")]
    public Activation Nonlinearity { get; init; } = Activation.Tanh;
}

/// <summary>Long short-term memory; `peephole` lets the gates see the cell state (Gers and Schmidhuber 2000).</summary>
public sealed record LstmLayerSpec : RecurrentLayerSpec
{
    [Description("Peephole connections: i, f see c_{t−1} and o sees c_t (custom cell).")]
    public bool Peephole { get; init; }

    [Description("Sets the forget gate's total bias to this after the other initialisers (1 is the classic choice: remember by default); absent = as initialised.")]
    [Range(-20.0, 20.0)]
    public double? ForgetGateBias { get; init; }
}

/// <summary>Gated recurrent unit (Cho et al. 2014).</summary>
public sealed record GruLayerSpec : RecurrentLayerSpec;
