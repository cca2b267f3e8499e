using TrainService.Models.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Per-layer gradient L2 norms and update/weight ratios ‖θ_after − θ_before‖ / ‖θ_before‖, for
/// every layer at once, in few native calls and few passes over the parameters. The snapshot is a
/// buffer kept from one sampled step to the next, in which each layer's parameters are adjacent,
/// turned into θ_before − θ_after in place after the step. Every Σx² is a dot product of a
/// contiguous run with itself: a layer's run of the snapshot; of the gradients, a layer's run of
/// the flat gradient buffer when the parameters live in it, else each parameter's gradient (the
/// host adds a layer's). All of them leave in one tensor. For a three-layer MLP over the flat
/// buffers that is about a dozen calls per sampled step, where the per-tensor computation cost
/// about ten per parameter tensor and a fresh copy of every parameter. Over flat float32 buffers on
/// the CPU, or separate float32 tensors there (<see cref="OnHost"/>), the snapshot is a managed array
/// and every sum is computed in C# over the buffers' or tensors' own memory: no libtorch operator call.
/// </summary>
sealed class GradientFigures : IDisposable
{
    readonly int layerCount;
    readonly Parameter[] ordered;
    readonly int[] layerOf;
    readonly FlatParameters? flat;
    readonly Tensor? before;
    // Each parameter's place in the snapshot, shaped like it; each layer's run of the snapshot and, over the flat buffers, of the gradients.
    readonly Tensor[] beforeSlots, beforeRuns, gradientRuns;
    // Which parameters' gradient dots Sums gave last (without the flat buffers: those with a gradient).
    readonly List<int> gradientUnits = [];
    // The host path's snapshot and where each layer's run starts in the flat buffers (the last entry is their length).
    readonly float[] hostBefore = [];
    readonly int[] layerStarts = [];
    // On the host path without the flat buffers: where each parameter starts in the snapshot.
    readonly int[] starts = [];
    // On the host path: each layer's Σ θ_before², summed while the snapshot is copied.
    readonly double[] hostBeforeSquares = [];
    bool snapshotTaken;

    /// <param name="allowHost">Compute on the host when the parameters are float32 on the CPU (false: always through libtorch).</param>
    public GradientFigures(IReadOnlyList<(string Name, Parameter[] Parameters)> layers, FlatParameters? flat, bool allowHost = true)
    {
        layerCount = layers.Count;
        ordered = layers.SelectMany(l => l.Parameters).ToArray();
        layerOf = layers.SelectMany((l, i) => l.Parameters.Select(_ => i)).ToArray();
        beforeSlots = beforeRuns = gradientRuns = [];
        if (ordered.Length == 0) return;
        // The flat buffers serve when they hold exactly these parameters in this order, so each layer's are adjacent.
        this.flat = flat is not null && flat.Parameters.Select(p => p.Handle).SequenceEqual(ordered.Select(p => p.Handle)) ? flat : null;
        // Over the flat buffers, or over each parameter's own memory (gradients that can't be read in place are copied first).
        bool readable = this.flat is not null ? HostReductions.Readable(this.flat.Values) && HostReductions.Readable(this.flat.Gradients) : ordered.All(HostReductions.Readable);
        // Where each parameter starts in the snapshot (the last entry is its length), and each layer's length.
        var offsets = new long[ordered.Length + 1];
        for (int i = 0; i < ordered.Length; i++) offsets[i + 1] = offsets[i] + ordered[i].NumberOfElements;
        var layerLengths = layers.Select(l => l.Parameters.Sum(p => p.NumberOfElements)).ToArray();
        if (allowHost && readable && offsets[^1] <= int.MaxValue)
        {
            OnHost = true;
            starts = offsets.Select(o => (int)o).ToArray();
            hostBefore = new float[starts[^1]];
            hostBeforeSquares = new double[layerCount];
            layerStarts = new int[layerCount + 1];
            for (int i = 0; i < layerCount; i++) layerStarts[i + 1] = layerStarts[i] + (int)layerLengths[i];
            return;
        }
        using var scope = NewDisposeScope();
        var first = ordered[0];
        before = zeros(offsets[^1], dtype: first.dtype, device: first.device);
        beforeSlots = Enumerable.Range(0, ordered.Length).Select(i =>
        {
            using var run = before.narrow(0, offsets[i], offsets[i + 1] - offsets[i]);
            return run.view(ordered[i].shape);
        }).ToArray();
        beforeRuns = before.split(layerLengths);
        if (this.flat is not null) gradientRuns = this.flat.Gradients.split(layerLengths);
        foreach (var t in beforeSlots.Concat(beforeRuns).Concat(gradientRuns).Append(before)) t.DetachFromDisposeScope();
    }

    /// <summary>Whether the figures are computed on the host (chosen once, at construction).</summary>
    public bool OnHost { get; }

    /// <summary>Copies the parameters just before a sampled step.</summary>
    public void Snapshot()
    {
        if (OnHost)
        {
            Array.Clear(hostBeforeSquares);
            if (flat is not null)
            {
                var values = HostReductions.Floats(flat.Values);
                for (int i = 0; i < layerCount; i++)
                {
                    int start = layerStarts[i], length = layerStarts[i + 1] - start;
                    hostBeforeSquares[i] = HostReductions.CopySquared(values.Slice(start, length), hostBefore.AsSpan(start, length));
                }
            }
            else
                for (int i = 0; i < ordered.Length; i++)
                    hostBeforeSquares[layerOf[i]] += HostReductions.CopySquared(HostReductions.Floats(ordered[i]), hostBefore.AsSpan(starts[i]));
            snapshotTaken = true;
            return;
        }
        if (before is null) return;
        using var noGrad = no_grad();
        if (flat is not null) before.copy_(flat.Values);
        else for (int i = 0; i < ordered.Length; i++) beforeSlots[i].copy_(ordered[i]);
        snapshotTaken = true;
    }

    /// <summary>
    /// After the step, made in the caller's dispose scope and not yet read: the gradients' Σ g²
    /// (per layer over the flat buffers, else per parameter with a gradient), then per layer
    /// Σ (θ − θ_before)², then per layer Σ θ_before². Uses up the snapshot.
    /// </summary>
    public Tensor Sums()
    {
        if (before is null) return zeros(0);
        if (!snapshotTaken) throw new InvalidOperationException("No snapshot was taken before the step.");
        snapshotTaken = false;
        using var noGrad = no_grad();
        var dots = new List<Tensor>(ordered.Length + 3 * layerCount);
        gradientUnits.Clear();
        if (flat is not null) dots.AddRange(gradientRuns.Select(Dot));
        else
            for (int i = 0; i < ordered.Length; i++)
            {
                if (ordered[i].grad is not { } grad) continue;
                gradientUnits.Add(i);
                dots.Add(Dot(grad.reshape(-1)));
            }
        var beforeDots = beforeRuns.Select(Dot).ToArray();
        // In place: the snapshot now holds θ_before − θ, whose squares are the change's.
        if (flat is not null) before.sub_(flat.Values);
        else for (int i = 0; i < ordered.Length; i++) beforeSlots[i].sub_(ordered[i]);
        dots.AddRange(beforeRuns.Select(Dot));
        dots.AddRange(beforeDots);
        return stack(dots);
    }

    /// <summary>On the host path: the per-layer sums <see cref="Sums"/> gives over the flat buffers, computed in C# over the memory. Uses up the snapshot.</summary>
    public double[] HostSums()
    {
        if (!snapshotTaken) throw new InvalidOperationException("No snapshot was taken before the step.");
        snapshotTaken = false;
        if (flat is null) return HostSumsPerTensor();
        var gradients = HostReductions.Floats(flat.Gradients);
        var values = HostReductions.Floats(flat.Values);
        var sums = new double[3 * layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            int start = layerStarts[i], length = layerStarts[i + 1] - start;
            var before = hostBefore.AsSpan(start, length);
            sums[i] = HostReductions.SquaredDeviation(gradients.Slice(start, length));
            sums[layerCount + i] = HostReductions.SquaredDifference(before, values.Slice(start, length));
            sums[2 * layerCount + i] = hostBeforeSquares[i];
        }
        return sums;
    }

    /// <summary>The host path over separate parameter tensors: the same per-layer sums, each parameter read in place (a gradient that can't be, from a copy).</summary>
    double[] HostSumsPerTensor()
    {
        var sums = new double[3 * layerCount];
        for (int i = 0; i < ordered.Length; i++)
        {
            int layer = layerOf[i];
            var before = hostBefore.AsSpan(starts[i], starts[i + 1] - starts[i]);
            using (var grad = ordered[i].grad)
                if (grad is not null)
                {
                    using var copy = HostReductions.Readable(grad) ? null : grad.to_type(ScalarType.Float32).contiguous();
                    sums[layer] += HostReductions.SquaredDeviation(HostReductions.Floats(copy ?? grad));
                }
            sums[layerCount + layer] += HostReductions.SquaredDifference(before, HostReductions.Floats(ordered[i]));
        }
        hostBeforeSquares.CopyTo(sums, 2 * layerCount);
        return sums;
    }

    /// <summary>The figures from <see cref="Sums"/>' values as read on the host.</summary>
    public IEnumerable<LayerValue> Read(IReadOnlyList<string> layerNames, ReadOnlySpan<double> sums)
    {
        var gradientSums = new double[layerCount];
        // Over the flat buffers and on the host the gradient sums are per layer already.
        bool perLayer = flat is not null || OnHost;
        int units = perLayer ? layerCount : gradientUnits.Count;
        for (int u = 0; u < units; u++) gradientSums[perLayer ? u : layerOf[gradientUnits[u]]] += sums[u];
        var figures = new List<LayerValue>(2 * layerCount);
        for (int i = 0; i < layerCount; i++)
        {
            figures.Add(new(DiagnosticMetrics.GradNorm, layerNames[i], Math.Sqrt(gradientSums[i])));
            double ratio = Math.Sqrt(sums[units + i]) / Math.Sqrt(sums[units + layerCount + i]);
            if (double.IsFinite(ratio)) figures.Add(new(DiagnosticMetrics.UpdateRatio, layerNames[i], ratio));
        }
        return figures;
    }

    static Tensor Dot(Tensor run) => run.dot(run);

    /// <summary>Forgets the snapshot (the buffer stays for the next one).</summary>
    public void Release() => snapshotTaken = false;

    public void Dispose()
    {
        foreach (var t in beforeSlots.Concat(beforeRuns).Concat(gradientRuns)) t.Dispose();
        before?.Dispose();
    }
}
