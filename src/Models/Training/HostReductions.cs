using System.Numerics;
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
/// </summary>
static class HostReductions
{
    /// <summary>
    /// Whether <paramref name="t"/>'s entries can be read in place as floats. The span from
    /// <see cref="Floats"/> is valid only while the tensor lives: read it at once, never keep it.
    /// </summary>
    public static bool Readable(Tensor t) => t.device_type == TorchSharp.DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    public static ReadOnlySpan<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    public static double Sum(ReadOnlySpan<float> x)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        foreach (var v in vectors)
        {
            Vector.Widen(v, out var a, out var b);
            low += a;
            high += b;
        }
        double sum = Vector.Sum(low + high);
        for (int i = vectors.Length * Vector<float>.Count; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Σ (x − <paramref name="centre"/>)², the centre 0 for Σ x².</summary>
    public static double SquaredDeviation(ReadOnlySpan<float> x, double centre = 0)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero, c = new(centre);
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
        foreach (var v in vectors)
        {
            Vector.Widen(v, out var a, out var b);
            a -= c;
            b -= c;
            low += a * a;
            high += b * b;
        }
        double sum = Vector.Sum(low + high);
        for (int i = vectors.Length * Vector<float>.Count; i < x.Length; i++) sum += (x[i] - centre) * (x[i] - centre);
        return sum;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> and gives Σ x² of it: the two in one pass over memory.</summary>
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
    public static double SquaredDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..a.Length]);
        for (int i = 0; i < va.Length; i++)
        {
            Vector.Widen(va[i] - vb[i], out var x, out var y);
            low += x * x;
            high += y * y;
        }
        double sum = Vector.Sum(low + high);
        for (int i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>How many entries have |x| &gt; <paramref name="threshold"/> (NaN is not counted, as in libtorch's gt).</summary>
    public static int AbsoluteAbove(ReadOnlySpan<float> x, float threshold)
    {
        int count = 0;
        foreach (float v in x) if (MathF.Abs(v) > threshold) count++;
        return count;
    }
}
