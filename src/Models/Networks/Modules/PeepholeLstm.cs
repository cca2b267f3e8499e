using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>
/// LSTM with peephole connections (Gers and Schmidhuber 2000), which TorchSharp lacks:
/// i = σ(W_i x + U_i h + p_i∘c_{t−1} + b_i), f likewise with p_f, g = tanh(W_g x + U_g h + b_g),
/// c_t = f∘c_{t−1} + i∘g, o = σ(W_o x + U_o h + p_o∘c_t + b_o), h_t = o∘tanh(c_t).
/// Products go through F.linear, never matmul, so a shape slip throws instead of aborting.
/// </summary>
public sealed class PeepholeLstmCell : nn.Module<Tensor, Tensor>
{
    readonly int hidden;

    public PeepholeLstmCell(int input, int hidden) : base("peephole_lstm")
    {
        this.hidden = hidden;
        double bound = 1.0 / Math.Sqrt(hidden);
        // Same uniform(−1/√H, 1/√H) start as PyTorch's LSTM, drawn from the seeded global generator.
        register_parameter("weight_ih", new Parameter(empty(4 * hidden, input).uniform_(-bound, bound)));
        register_parameter("weight_hh", new Parameter(empty(4 * hidden, hidden).uniform_(-bound, bound)));
        register_parameter("bias", new Parameter(empty(4 * hidden).uniform_(-bound, bound)));
        register_parameter("peephole", new Parameter(empty(3, hidden).uniform_(-bound, bound)));
    }

    public (Tensor Output, Tensor H, Tensor C) Run(Tensor x, Tensor? h0, Tensor? c0)
    {
        var p = named_parameters().ToDictionary(n => n.name, n => n.parameter);
        long batch = x.shape[0], steps = x.shape[1];
        var h = h0 ?? zeros(batch, hidden, dtype: x.dtype, device: x.device);
        var c = c0 ?? zeros(batch, hidden, dtype: x.dtype, device: x.device);
        var inputs = nn.functional.linear(x, p["weight_ih"], p["bias"]);   // [N, T, 4H] in one product
        var peep = p["peephole"];
        var outputs = new List<Tensor>((int)steps);
        for (long t = 0; t < steps; t++)
        {
            var gates = inputs.select(1, t) + nn.functional.linear(h, p["weight_hh"]);
            var chunks = gates.chunk(4, 1);
            var i = sigmoid(chunks[0] + peep[0] * c);
            var f = sigmoid(chunks[1] + peep[1] * c);
            var g = tanh(chunks[2]);
            c = f * c + i * g;
            var o = sigmoid(chunks[3] + peep[2] * c);
            h = o * tanh(c);
            outputs.Add(h);
        }
        return (stack(outputs, 1), h, c);
    }

    public override Tensor forward(Tensor x) => Run(x, null, null).Output;
}

/// <summary>One peephole LSTM layer, optionally bidirectional (a second cell reads the sequence reversed).</summary>
public sealed class PeepholeLstmLayer : SequenceLayer
{
    readonly PeepholeLstmCell forwardCell;
    readonly PeepholeLstmCell? backwardCell;

    public PeepholeLstmLayer(int input, int hidden, bool bidirectional) : base("peephole_lstm")
    {
        forwardCell = new PeepholeLstmCell(input, hidden);
        backwardCell = bidirectional ? new PeepholeLstmCell(input, hidden) : null;
        RegisterComponents();
    }

    public override (Tensor Output, Tensor[] State) Run(Tensor x, Tensor[]? state)
    {
        var (output, h, c) = forwardCell.Run(x, state?[0], state?[1]);
        if (backwardCell is null) return (output, [h, c]);
        var (reversed, _, _) = backwardCell.Run(x.flip(1), null, null);
        return (cat([output, reversed.flip(1)], 2), [h, c]);
    }
}
