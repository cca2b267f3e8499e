using TorchSharp;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Statistics of each top-level module's output during a sampled forward pass, read through
/// forward hooks, without gradient tracking, so the training arithmetic is untouched. A sampled
/// step pays per native call and per pass over a tensor, so each layer costs three calls (mean,
/// deviation, its norm) and activation modules about three more for their fraction, a count whose
/// division happens on the host. The figures stay on the device until the last layer's hook,
/// which gathers them into this probe's own buffer in one copy; that buffer is read once per
/// sampled step together with the gradient figures. (The per-layer tensors never outlive the
/// forward pass: kept past the step's dispose scope, tensors gave corrupted figures and "Unknown
/// scalar type" errors under concurrent jobs in TorchSharp 0.107.) On the CPU (<see cref="OnHost"/>)
/// the hook instead computes the same figures in C# over the tensors' own memory while they exist,
/// into <see cref="HostValues"/>, with no libtorch operator call.
/// </summary>
sealed class ActivationProbe : IDisposable
{
    readonly IReadOnlyList<(string Name, ActivationKind Kind)> layers;
    readonly string?[] figureOf;
    // Where each measured layer's figures start in Values, how many entries its output has, and what its count is divided by.
    readonly int[] offset;
    readonly double[] entriesOf, countOf;
    readonly List<Tensor> pending = [];
    // The part of Values a pass through every layer fills (a view made once: the usual case costs no narrow).
    readonly Tensor full;
    bool gathered;
    // Held for the probe's life: an implicit temporary can be finalized while libtorch still reads
    // it ("Unknown scalar type" under GC pressure was seen with TorchSharp 0.107).
    readonly Scalar zero = 0.0f.ToScalar(), threshold;
    // The host path's figures, laid out as Values, and how many the sampled pass filled.
    readonly double[] hostValues;
    int hostFilled;
    // libtorch compares a float32 input with the threshold in float32.
    readonly float hostThreshold;

    /// <summary>
    /// <paramref name="device"/>: where the layers' outputs live, so the gathering copy stays on it.
    /// <paramref name="allowHost"/>: measure on the host when the device is the CPU (false: always through libtorch).
    /// </summary>
    public ActivationProbe(IReadOnlyList<(string Name, ActivationKind Kind)> layers, double saturationInput, Device device, bool allowHost = true)
    {
        this.layers = layers;
        threshold = saturationInput.ToScalar();
        hostThreshold = (float)saturationInput;
        OnHost = allowHost && device.type == DeviceType.CPU
            && layers.All(l => l.Kind.Family != ActivationFamily.Dying || l.Kind.ZeroGradientAt is not null);
        hostValues = new double[3 * layers.Count];
        figureOf = layers.Select(l => Figure(l.Kind.Family)).ToArray();
        offset = new int[layers.Count];
        entriesOf = new double[layers.Count];
        countOf = new double[layers.Count];
        Values = zeros(3 * layers.Count, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        full = Values.narrow(0, 0, figureOf.Sum(f => f is null ? 2 : 3)).DetachFromDisposeScope();
        Clear();
    }

    /// <summary>Mean, ‖output − mean‖ and the family's count of each measured layer, in network order, as gathered at the last layer.</summary>
    public Tensor Values { get; }

    /// <summary>Whether the figures are computed on the host (chosen once, at construction).</summary>
    public bool OnHost { get; }

    /// <summary>On the host path: the figures laid out as <see cref="Values"/> would hold them.</summary>
    public ReadOnlySpan<double> HostValues => hostValues.AsSpan(0, hostFilled);

    /// <summary>
    /// Measures layer <paramref name="index"/> on the first forward pass of a sampled step (an
    /// optimizer that evaluates its closure again sees updated weights; the step's loss is the first pass's too).
    /// </summary>
    public void Measure(int index, Tensor input, Tensor output)
    {
        if (gathered || offset[index] >= 0) return;
        if (OnHost)
        {
            MeasureOnHost(index, input, output);
            return;
        }
        using var noGrad = no_grad();
        var kind = layers[index].Kind;
        // The population variance is ‖output − mean‖² / entries, finished on the host: two vectorised
        // passes (libtorch's std_mean is a scalar loop, several times slower on a 128×256 output), and
        // TorchSharp 0.107's var(unbiased: false) gives the n−1 figure.
        var values = Float(output);
        var mean = values.mean();
        offset[index] = pending.Count;
        entriesOf[index] = output.NumberOfElements;
        pending.Add(mean);
        pending.Add(linalg.vector_norm(values - mean));
        // Reductions over dimension 0 are over the batch, so the first two count units (every entry past the batch dimension).
        // The input is only read for activation modules, so layers like linear cost one call.
        var count = kind.Family switch
        {
            // Dead for this batch: the derivative is exactly zero at every example.
            ActivationFamily.Dying => kind.Dead(Float(input)).count_nonzero(),
            // Negative regime for this batch: every example gives the unit a negative input (gradient still flows, at the leaky slope).
            ActivationFamily.Leaky => Float(input).amax(0).lt(zero).count_nonzero(),
            ActivationFamily.Saturating => Float(input).abs().gt(threshold).count_nonzero(),
            _ => null,
        };
        if (count is not null)
        {
            pending.Add(count);
            countOf[index] = CountDivisor(kind, input);
        }
    }

    /// <summary>Mean, ‖output − mean‖ and the family's count, as the device path computes them, over the tensors' memory while the hook holds them.</summary>
    void MeasureOnHost(int index, Tensor input, Tensor output)
    {
        var kind = layers[index].Kind;
        offset[index] = hostFilled;
        entriesOf[index] = output.NumberOfElements;
        using (var copy = HostCopy(output))
        {
            var x = HostReductions.Floats(copy ?? output);
            double mean = HostReductions.Sum(x) / x.Length;
            hostValues[hostFilled++] = mean;
            hostValues[hostFilled++] = Math.Sqrt(HostReductions.SquaredDeviation(x, mean));
        }
        if (kind.Family == ActivationFamily.Other) return;
        using var inputCopy = HostCopy(input);
        var z = HostReductions.Floats(inputCopy ?? input);
        int units = (int)(input.NumberOfElements / input.size(0));
        hostValues[hostFilled++] = kind.Family switch
        {
            ActivationFamily.Dying => kind.ZeroGradientAt!.Value.UnitsWhereAlways(z, units),
            ActivationFamily.Leaky => NegativeInput.UnitsWhereAlways(z, units),
            _ => HostReductions.AbsoluteAbove(z, hostThreshold),
        };
        countOf[index] = CountDivisor(kind, input);
    }

    /// <summary>What a layer's count is a fraction of: every entry for saturation, else the units (entries past the batch dimension).</summary>
    static double CountDivisor(ActivationKind kind, Tensor input) =>
        kind.Family == ActivationFamily.Saturating ? input.NumberOfElements : input.NumberOfElements / input.size(0);

    static readonly ZeroGradientRange NegativeInput = new(0, LowIncluded: false);

    /// <summary>A float32, contiguous copy when <paramref name="t"/> can't be read in place (null when it can).</summary>
    static Tensor? HostCopy(Tensor t)
    {
        if (HostReductions.Readable(t)) return null;
        using var noGrad = no_grad();
        return Float(t).contiguous();
    }

    /// <summary>After the last layer's <see cref="Measure"/>, still inside the forward pass: the figures into <see cref="Values"/> in one copy.</summary>
    public void Gather()
    {
        if (OnHost || gathered || pending.Count == 0) return;
        gathered = true;
        using var noGrad = no_grad();
        if (pending.Count == full.shape[0]) full.copy_(stack(pending));
        else
        {
            using var head = Values.narrow(0, 0, pending.Count);
            head.copy_(stack(pending));
        }
        pending.Clear();
    }

    /// <summary>The gathered layers' figures from <see cref="Values"/> as read on the host.</summary>
    public List<LayerValue> Read(ReadOnlySpan<double> values)
    {
        var figures = new List<LayerValue>(4 * layers.Count);
        if (!gathered && hostFilled == 0) return figures;
        for (int i = 0; i < layers.Count; i++)
        {
            int at = offset[i];
            if (at < 0) continue;
            string layer = layers[i].Name;
            figures.Add(new(DiagnosticMetrics.ActivationMean, layer, values[at]));
            figures.Add(new(DiagnosticMetrics.ActivationVariance, layer, values[at + 1] * values[at + 1] / entriesOf[i]));
            if (figureOf[i] is { } figure) figures.Add(new(figure, layer, values[at + 2] / countOf[i]));
            // Stated, not measured: a leaky unit's derivative is never zero, so none is ever dead.
            if (layers[i].Kind.Family == ActivationFamily.Leaky) figures.Add(new(DiagnosticMetrics.DeadFraction, layer, 0));
        }
        return figures;
    }

    /// <summary>Forgets the last sampled step's figures.</summary>
    public void Clear()
    {
        Array.Fill(offset, -1);
        pending.Clear();
        gathered = false;
        hostFilled = 0;
    }

    static string? Figure(ActivationFamily family) => family switch
    {
        ActivationFamily.Dying => DiagnosticMetrics.DeadFraction,
        ActivationFamily.Leaky => DiagnosticMetrics.NegativeFraction,
        ActivationFamily.Saturating => DiagnosticMetrics.SaturatedFraction,
        _ => null,
    };

    static Tensor Float(Tensor t) => t.dtype == ScalarType.Float32 ? t : t.to_type(ScalarType.Float32);

    public void Dispose()
    {
        Clear();
        full.Dispose();
        Values.Dispose();
        zero.Dispose();
        threshold.Dispose();
    }
}
