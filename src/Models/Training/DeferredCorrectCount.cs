using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// The epoch's correct predictions, counted a few dozen steps at a time: each step hands over its
/// (detached) outputs and targets, and they are decoded and compared together, so a step adds no
/// native call and no host read for its accuracy. The count is an integer, so batching it
/// changes nothing but the cost. Pending tensors are bounded (<see cref="MaxPendingSteps"/>,
/// <see cref="MaxPendingElements"/>) so large outputs are not held for long.
/// </summary>
public sealed class DeferredCorrectCount(ClassDecoding decoding) : IDisposable
{
    public const int MaxPendingSteps = 64;
    public const long MaxPendingElements = 1L << 20;

    readonly List<Tensor> outputs = [];
    readonly List<Tensor> targets = [];
    long pendingElements;
    long counted;

    /// <summary>Takes over one step's output (before the update) and targets; both leave the step's dispose scope.</summary>
    public void Add(Tensor output, Tensor target)
    {
        outputs.Add(output.DetachFromDisposeScope());
        targets.Add(target.DetachFromDisposeScope());
        pendingElements += output.NumberOfElements;
        if (outputs.Count >= MaxPendingSteps || pendingElements >= MaxPendingElements) CountPending();
    }

    /// <summary>The correct predictions handed over since the last call.</summary>
    public long Take()
    {
        CountPending();
        long total = counted;
        counted = 0;
        return total;
    }

    void CountPending()
    {
        if (outputs.Count == 0) return;
        using (NewDisposeScope())
        {
            var output = outputs.Count == 1 ? outputs[0] : cat(outputs, 0);
            var target = targets.Count == 1 ? targets[0] : cat(targets, 0);
            counted += ClassDecoder.Correct(output, target, decoding).item<long>();
        }
        Release();
    }

    void Release()
    {
        foreach (var t in outputs.Concat(targets)) t.Dispose();
        outputs.Clear();
        targets.Clear();
        pendingElements = 0;
    }

    public void Dispose() => Release();
}
