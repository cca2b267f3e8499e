using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// Reductions in plain C# over a CPU tensor's own memory: no operator call, no dispatch, no copy
/// (only look-ups of the data pointer, size and layout). On a small network each libtorch operator
/// costs more than the arithmetic it does, so the gradient norm of every step and a diagnostics
/// sample on the CPU read the buffers in place instead. Sums run in double (float32 entries
/// widened), so they agree with libtorch's float32 reductions to float rounding, and a tensor's
/// sum does not depend on where its elements sit in a larger buffer (the vector lanes start at the span).
/// The loops are compiled optimised at their first call (AggressiveOptimization): left to tiered
/// compilation they kept their quick-JIT code for the whole run, since the tiering delay restarts
/// whenever a busy service compiles anything new, and the gradient norm took 25–40 µs a step
/// instead of 4 (README, "Training step against a bare TorchSharp loop"). The same holds for
/// ZeroGradientRange's count and HostAdamUpdate.
/// </summary>
static class HostReductions
{
    /// <summary>
    /// Whether <paramref name="t"/>'s entries can be read in place as floats. The span from
    /// <see cref="Floats"/> is valid only while the tensor lives: read it at once, never keep it.
    /// </summary>
    public static bool Readable(Tensor t) =>
        t.device_type == TorchSharp.DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous()
        && t.NumberOfElements <= int.MaxValue / sizeof(float); // TorchSharp's byte span is int-sized

    public static ReadOnlySpan<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    /// <summary>As <see cref="Floats"/>, to write the tensor in place (only where nothing else reads it meanwhile).</summary>
    public static Span<float> WritableFloats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    public static double Sum(ReadOnlySpan<float> x) => Reduce(x, x, new Plain());

    /// <summary>Σ (x − <paramref name="centre"/>)², the centre 0 for Σ x².</summary>
    public static double SquaredDeviation(ReadOnlySpan<float> x, double centre = 0) => Reduce(x, x, new Squared(centre));

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> and gives Σ x² of it: the two in one pass over memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CopySquared(ReadOnlySpan<float> source, Span<float> destination)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        var from = MemoryMarshal.Cast<float, Vector<float>>(source);
        var to = MemoryMarshal.Cast<float, Vector<float>>(destination[..source.Length]);
        for (int i = 0; i < from.Length; i++)
        {
            var v = from[i];
            to[i] = v;
            Vector.Widen(v, out var a, out var b);
            low += a * a;
            high += b * b;
        }
        double sum = Vector.Sum(low + high);
        for (int i = from.Length * Vector<float>.Count; i < source.Length; i++)
        {
            destination[i] = source[i];
            sum += (double)source[i] * source[i];
        }
        return sum;
    }

    /// <summary>Σ (a − b)², each difference taken in float32 as libtorch's subtraction of the tensors would.</summary>
    public static double SquaredDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Reduce(a, b[..a.Length], new SquaredDifferenceTerm());

    /// <summary>
    /// Σ term(aᵢ, bᵢ) in double, four vectors at a time into eight accumulators: one accumulator
    /// would wait on its own addition's latency every vector (measured 3× slower on a 26k-entry
    /// gradient). The order of the additions depends only on the span's length, never on where it
    /// lies in memory, so a tensor's sum has the same bits alone or as a segment of a flat buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static double Reduce<TTerm>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, TTerm term) where TTerm : struct, ITerm
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        int i = 0;
        for (; i + 4 <= va.Length; i += 4)
        {
            Vector.Widen(term.Input(va[i], vb[i]), out var x0, out var x1);
            Vector.Widen(term.Input(va[i + 1], vb[i + 1]), out var x2, out var x3);
            Vector.Widen(term.Input(va[i + 2], vb[i + 2]), out var x4, out var x5);
            Vector.Widen(term.Input(va[i + 3], vb[i + 3]), out var x6, out var x7);
            s0 = term.Add(s0, x0); s1 = term.Add(s1, x1); s2 = term.Add(s2, x2); s3 = term.Add(s3, x3);
            s4 = term.Add(s4, x4); s5 = term.Add(s5, x5); s6 = term.Add(s6, x6); s7 = term.Add(s7, x7);
        }
        for (; i < va.Length; i++)
        {
            Vector.Widen(term.Input(va[i], vb[i]), out var x0, out var x1);
            s0 = term.Add(s0, x0);
            s1 = term.Add(s1, x1);
        }
        double sum = Vector.Sum((s0 + s1) + (s2 + s3) + ((s4 + s5) + (s6 + s7)));
        for (int j = va.Length * Vector<float>.Count; j < a.Length; j++) sum = term.Add(sum, term.Input(a[j], b[j]));
        return sum;
    }

    interface ITerm
    {
        Vector<float> Input(Vector<float> a, Vector<float> b);
        float Input(float a, float b);
        Vector<double> Add(Vector<double> sum, Vector<double> x);
        double Add(double sum, double x);
    }

    readonly struct Plain : ITerm
    {
        public Vector<float> Input(Vector<float> a, Vector<float> b) => a;
        public float Input(float a, float b) => a;
        public Vector<double> Add(Vector<double> sum, Vector<double> x) => sum + x;
        public double Add(double sum, double x) => sum + x;
    }

    readonly struct Squared(double centre) : ITerm
    {
        readonly Vector<double> centres = new(centre);
        public Vector<float> Input(Vector<float> a, Vector<float> b) => a;
        public float Input(float a, float b) => a;
        public Vector<double> Add(Vector<double> sum, Vector<double> x) => Vector.FusedMultiplyAdd(x - centres, x - centres, sum);
        public double Add(double sum, double x) => Math.FusedMultiplyAdd(x - centre, x - centre, sum);
    }

    readonly struct SquaredDifferenceTerm : ITerm
    {
        public Vector<float> Input(Vector<float> a, Vector<float> b) => a - b;
        public float Input(float a, float b) => a - b;
        public Vector<double> Add(Vector<double> sum, Vector<double> x) => Vector.FusedMultiplyAdd(x, x, sum);
        public double Add(double sum, double x) => Math.FusedMultiplyAdd(x, x, sum);
    }

    /// <summary>How many entries have |x| &gt; <paramref name="threshold"/> (NaN is not counted, as in libtorch's gt).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int AbsoluteAbove(ReadOnlySpan<float> x, float threshold)
    {
        int count = 0;
        foreach (float v in x) if (MathF.Abs(v) > threshold) count++;
        return count;
    }
}
