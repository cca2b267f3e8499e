using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>
/// Stacked recurrent layers with seeded dropout between them, optional truncated BPTT (in
/// training the sequence runs in windows of k steps and the carried state is detached between
/// windows, so gradients flow back at most k steps), and the last step or the whole sequence as output.
/// </summary>
public sealed class RecurrentStack : nn.Module<Tensor, Tensor>
{
    readonly TorchSharp.Modules.ModuleList<SequenceLayer> layers;
    readonly SeededDropout dropout;
    readonly int? window;
    readonly RecurrentOutput output;
    readonly int hidden;
    readonly bool bidirectional;

    public RecurrentStack(IEnumerable<SequenceLayer> layers, double dropout, int? window, RecurrentOutput output, int hidden, bool bidirectional, ulong seed)
        : base("recurrent_stack")
    {
        this.layers = nn.ModuleList(layers.ToArray());
        this.dropout = new SeededDropout(dropout, seed);
        this.window = window;
        this.output = output;
        this.hidden = hidden;
        this.bidirectional = bidirectional;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < layers.Count; i++)
            x = RunWindowed(layers[i], i == 0 ? x : dropout.forward(x));
        return output == RecurrentOutput.Sequence ? x : Last(x);
    }

    Tensor RunWindowed(SequenceLayer layer, Tensor x)
    {
        long steps = x.shape[1];
        if (!training || window is not { } k || k >= steps) return layer.Run(x, null).Output;
        Tensor[]? state = null;
        var outputs = new List<Tensor>();
        for (long start = 0; start < steps; start += k)
        {
            var (chunk, next) = layer.Run(x.narrow(1, start, Math.Min(k, steps - start)), state);
            state = next.Select(s => s.detach()).ToArray();
            outputs.Add(chunk);
        }
        return cat(outputs, 1);
    }

    // The backward direction has read the whole sequence when it reaches step 0.
    Tensor Last(Tensor sequence)
    {
        var final = sequence.select(1, sequence.shape[1] - 1);
        if (!bidirectional) return final;
        return cat([final.narrow(1, 0, hidden), sequence.select(1, 0).narrow(1, hidden, hidden)], 1);
    }
}
