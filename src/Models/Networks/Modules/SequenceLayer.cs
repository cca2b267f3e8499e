using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>One recurrent layer over batch-first [N, T, F] input that can resume from a carried state (for truncated BPTT).</summary>
public abstract class SequenceLayer(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Output [N, T, H·directions] and the final state, to be passed to the next chunk.</summary>
    public abstract (Tensor Output, Tensor[] State) Run(Tensor x, Tensor[]? state);

    public override Tensor forward(Tensor x) => Run(x, null).Output;
}

/// <summary>TorchSharp's RNN, GRU or LSTM with one layer; wrapped because they return tuples and cannot sit in Sequential.</summary>
public sealed class TorchSequenceLayer : SequenceLayer
{
    readonly nn.Module inner;

    public TorchSequenceLayer(nn.Module inner) : base("recurrent")
    {
        this.inner = inner;
        RegisterComponents();
    }

    public override (Tensor Output, Tensor[] State) Run(Tensor x, Tensor[]? state)
    {
        switch (inner)
        {
            case TorchSharp.Modules.LSTM lstm:
                var (output, h, c) = lstm.forward(x, state is null ? null : (state[0], state[1]));
                return (output, [h, c]);
            case TorchSharp.Modules.GRU gru:
                var (gruOutput, gruH) = gru.forward(x, state?[0]!);
                return (gruOutput, [gruH]);
            case TorchSharp.Modules.RNN rnn:
                var (rnnOutput, rnnH) = rnn.forward(x, state?[0]!);
                return (rnnOutput, [rnnH]);
            default:
                throw new InvalidOperationException($"{inner.GetType().Name} is not a recurrent module.");
        }
    }
}
