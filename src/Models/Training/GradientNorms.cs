using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <remarks>
/// Squares are grad·grad, not pow(2): libtorch computes pow(x, 2) as x·x, so the bits are the
/// same, without the Scalar that TorchSharp builds (and leaves to the finalizer) for each pow call.
/// </remarks>
public static class GradientNorms
{
    /// <summary>L2 norm of all gradients together, as a scalar tensor (no host sync until read).</summary>
    public static Tensor Global(IEnumerable<Parameter> parameters)
    {
        Tensor? sum = null;
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad) continue;
            var squares = grad.mul(grad).sum();
            sum = sum is null ? squares : sum.add_(squares);
        }
        return sum is null ? tensor(0f) : sum.sqrt();
    }

    /// <summary>
    /// <see cref="Global"/>'s value from a flat gradient, on the host, with the very same bits: the
    /// squares in one call, one sum per parameter's segment (the same reduction over the same
    /// elements as Global's per-tensor sums), then those few sums added in float32 in the same order
    /// and the float32 square root taken here instead of in native calls.
    /// </summary>
    public static double Global(FlatParameters flat)
    {
        if (flat.Gradients.dtype != ScalarType.Float32) return Global(flat.Parameters).ToDouble();
        using var scope = NewDisposeScope();
        var squares = flat.Gradients.mul(flat.Gradients);
        var sums = stack(squares.split(flat.Segments).Select(segment => segment.sum()).ToArray());
        var values = sums.device_type == DeviceType.CPU ? sums.data<float>().ToArray() : sums.cpu().data<float>().ToArray();
        float total = values[0];
        for (int i = 1; i < values.Length; i++) total += values[i];
        return MathF.Sqrt(total);
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
