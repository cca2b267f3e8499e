using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <remarks>
/// The global norm is √(Σᵢ ‖gᵢ‖²). On the CPU, over float32 gradients, each Σ g² is summed in C#
/// over the gradient's own memory in double (<see cref="HostReductions"/>), with no libtorch call:
/// a small network's step paid about 6 µs of dispatch per tensor for it (a tenth of the MLP
/// 64-128-128-10's step). Elsewhere (CUDA, float64) each tensor's 2-norm is one pass of libtorch's
/// <c>vector_norm</c> and the host combines the few norms in float64. Over <see cref="FlatParameters"/>
/// either path reads each parameter's segment of the flat gradient, the same elements in the same
/// order as the tensor alone, so the flat and per-tensor layouts give the same bits.
/// (Squares are grad·grad where they are still needed: libtorch computes pow(x, 2) as x·x, and
/// TorchSharp leaves a Scalar to the finalizer per pow call.)
/// </remarks>
public static class GradientNorms
{
    /// <summary>L2 norm of all gradients together (0 when none has one); reads the per-tensor norms from the device once.</summary>
    public static double Global(IEnumerable<Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var gradients = new List<Tensor>();
        foreach (var p in parameters)
            if (p.grad is { } grad) gradients.Add(grad);
        if (gradients.Count == 0) return 0;
        if (gradients.All(HostReductions.Readable))
        {
            double total = 0;
            foreach (var grad in gradients) total += HostReductions.SquaredDeviation(HostReductions.Floats(grad));
            return Math.Sqrt(total);
        }
        return Combine(stack(gradients.Select(grad => linalg.vector_norm(grad.reshape(-1))).ToArray()));
    }

    /// <summary><see cref="Global(IEnumerable{Parameter})"/>'s value from a flat gradient, bit for bit, without a call per tensor to reach its gradient.</summary>
    public static double Global(FlatParameters flat)
    {
        if (HostReductions.Readable(flat.Gradients))
        {
            var all = HostReductions.Floats(flat.Gradients);
            double total = 0;
            for (int i = 0; i < flat.Segments.Length; i++) total += HostReductions.SquaredDeviation(all.Slice((int)flat.Offsets[i], (int)flat.Segments[i]));
            return Math.Sqrt(total);
        }
        using var scope = NewDisposeScope();
        return Combine(stack(flat.GradientSegments.Select(segment => linalg.vector_norm(segment)).ToArray()));
    }

    /// <summary>√(Σ normᵢ²) in float64, in order, from one read of the norms.</summary>
    static double Combine(Tensor norms)
    {
        var host = norms.device_type == DeviceType.CPU ? norms : norms.cpu();
        double total = 0;
        if (host.dtype == ScalarType.Float32)
            foreach (float n in host.data<float>()) total += (double)n * n;
        else
            foreach (double n in host.to_type(ScalarType.Float64).data<double>()) total += n * n;
        return Math.Sqrt(total);
    }

    /// <summary>
    /// The global norm before and after clamping every entry to ±<paramref name="clipValue"/>, as a
    /// two-element tensor: ‖clamp(g)‖² = Σ min(g², c²), so both come from one host read.
    /// </summary>
    public static Tensor GlobalBeforeAndAfterValueClip(IEnumerable<Parameter> parameters, double clipValue)
    {
        using var limit = (clipValue * clipValue).ToScalar();
        Tensor? before = null, after = null;
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad) continue;
            var squares = grad.mul(grad);
            var sum = squares.sum();
            var clipped = squares.clamp_max(limit).sum();
            before = before is null ? sum : before.add_(sum);
            after = after is null ? clipped : after.add_(clipped);
        }
        return before is null ? zeros(2) : stack([before, after!]).sqrt();
    }
}
