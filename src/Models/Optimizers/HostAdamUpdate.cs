using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Adam's update over flat float32 buffers in C#, in two passes instead of libtorch's eight
/// operators (eight dispatches and about twenty passes over the buffers a step), with the very
/// arithmetic of those operators element by element, so every bit is the same:
/// <c>exp_avg.mul_(β1).add_(g, 1−β1)</c> is m·β1 then a fused multiply-add (libtorch's vector
/// kernel for add with alpha is an FMA); <c>exp_avg_sq.mul_(β2).addcmul_(g, g, 1−β2)</c> is v·β2
/// then FMA((1−β2)·g, g, ·), as libtorch's compiled kernel contracts it; then
/// <c>p.addcdiv_(m, √v / √bc2 + ε, −lr/bc1)</c> is p + (s·m)/d. The square root stays libtorch's
/// (<see cref="Moments"/> and <see cref="Apply"/> bracket it): its vector kernel is not the
/// correctly rounded one, and a C# square root differed in the last bit on about one entry in six.
/// Every scalar is the float32 that libtorch would make of the double. Checked bit for bit against
/// TorchSharp's Adam by the flat-parameter tests.
/// </summary>
static class HostAdamUpdate
{
    /// <summary>m ← m·β1 + (1−β1)·g and v ← v·β2 + (1−β2)·g·g, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Moments(ReadOnlySpan<float> g, Span<float> m, Span<float> v, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2)
    {
        var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
        var vm = MemoryMarshal.Cast<float, Vector<float>>(m[..g.Length]);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v[..g.Length]);
        Vector<float> b1 = new(beta1), c1 = new(oneMinusBeta1), b2 = new(beta2), c2 = new(oneMinusBeta2);
        for (int i = 0; i < vg.Length; i++)
        {
            var gi = vg[i];
            vm[i] = Vector.FusedMultiplyAdd(gi, c1, vm[i] * b1);
            vv[i] = Vector.FusedMultiplyAdd(c2 * gi, gi, vv[i] * b2);
        }
        for (int i = vg.Length * Vector<float>.Count; i < g.Length; i++)
        {
            m[i] = MathF.FusedMultiplyAdd(g[i], oneMinusBeta1, m[i] * beta1);
            v[i] = MathF.FusedMultiplyAdd(oneMinusBeta2 * g[i], g[i], v[i] * beta2);
        }
    }

    /// <summary>p ← p + (s·m) / (√v / √bc2 + ε), with √v as libtorch computed it and s = −lr/bc1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Span<float> p, ReadOnlySpan<float> m, ReadOnlySpan<float> sqrtV, float sqrtBiasCorrection2, float eps, float negativeStepSize)
    {
        var vp = MemoryMarshal.Cast<float, Vector<float>>(p);
        var vm = MemoryMarshal.Cast<float, Vector<float>>(m[..p.Length]);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(sqrtV[..p.Length]);
        Vector<float> bc = new(sqrtBiasCorrection2), e = new(eps), step = new(negativeStepSize);
        for (int i = 0; i < vp.Length; i++) vp[i] += step * vm[i] / (vs[i] / bc + e);
        for (int i = vp.Length * Vector<float>.Count; i < p.Length; i++) p[i] += negativeStepSize * m[i] / (sqrtV[i] / sqrtBiasCorrection2 + eps);
    }
}
