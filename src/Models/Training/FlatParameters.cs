using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// A model's parameters and their gradients, each laid out end to end in one contiguous buffer:
/// every Parameter becomes a view of <see cref="Values"/> (same object, same module, same
/// checkpoint layout) and its .grad a view of <see cref="Gradients"/>, into which backward
/// accumulates in place. Whole-model work (zeroing gradients, an optimizer update) is then one
/// native call instead of one or more per parameter tensor, which is most of a small network's
/// step. Per-tensor sums stay per tensor (<see cref="Segments"/>), so reductions keep their bits.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    FlatParameters(Tensor values, Tensor gradients, IReadOnlyList<Parameter> parameters, long[] offsets)
    {
        Values = values;
        Gradients = gradients;
        Parameters = parameters;
        Offsets = offsets;
        Segments = Enumerable.Range(0, parameters.Count).Select(i => offsets[i + 1] - offsets[i]).ToArray();
        GradientSegments = Enumerable.Range(0, parameters.Count).Select(i => gradients.narrow(0, offsets[i], Segments[i]).DetachFromDisposeScope()).ToArray();
    }

    public Tensor Values { get; }
    public Tensor Gradients { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    /// <summary>Where each parameter starts in the buffers; the last entry is the total length.</summary>
    public IReadOnlyList<long> Offsets { get; }
    public long Length => Offsets[^1];
    /// <summary>Each parameter's element count, in order.</summary>
    public long[] Segments { get; }
    /// <summary>Each parameter's gradient as a one-dimensional view of <see cref="Gradients"/>, made once (the norm reads them every step).</summary>
    public IReadOnlyList<Tensor> GradientSegments { get; }

    /// <summary>
    /// Lays the parameters out flat, or returns null when they can't share one buffer (mixed or
    /// half-precision types, mixed devices, a frozen tensor, none at all); the caller then keeps the per-tensor path.
    /// </summary>
    public static FlatParameters? TryCreate(IReadOnlyList<Parameter> parameters)
    {
        if (parameters.Count == 0) return null;
        var first = parameters[0];
        if (first.dtype is not (ScalarType.Float32 or ScalarType.Float64)) return null;
        if (parameters.Any(p => p.dtype != first.dtype || p.device.type != first.device.type || p.device.index != first.device.index || !p.requires_grad || p.is_sparse))
            return null;
        if (parameters.Select(p => p.Handle).Distinct().Count() != parameters.Count) return null;
        var offsets = new long[parameters.Count + 1];
        for (int i = 0; i < parameters.Count; i++) offsets[i + 1] = offsets[i] + parameters[i].NumberOfElements;
        var values = zeros(offsets[^1], dtype: first.dtype, device: first.device);
        var gradients = zeros(offsets[^1], dtype: first.dtype, device: first.device);
        using (no_grad())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                using var slot = View(values, offsets, i, p.shape);
                slot.copy_(p);
                p.set_(slot);
                using var gradient = View(gradients, offsets, i, p.shape);
                p.grad = gradient;
            }
        }
        return new FlatParameters(values, gradients, parameters, offsets);
    }

    /// <summary>A new zero buffer laid out like the parameters (for optimizer state).</summary>
    public Tensor NewBuffer() => zeros(Length, dtype: Values.dtype, device: Values.device);

    /// <summary>
    /// Moves each tensor of <paramref name="perParameter"/> (one per parameter, same shapes) into
    /// its segment of <paramref name="buffer"/>, keeping its values: the tensor objects stay, now views.
    /// </summary>
    public void Adopt(Tensor buffer, IReadOnlyList<Tensor> perParameter)
    {
        using (no_grad())
        {
            for (int i = 0; i < perParameter.Count; i++)
            {
                using var slot = View(buffer, Offsets, i, perParameter[i].shape);
                slot.copy_(perParameter[i]);
                perParameter[i].set_(slot);
            }
        }
    }

    /// <summary>Every gradient set to zero in one call (backward then accumulates into the views).</summary>
    public void ZeroGradients() => Gradients.zero_();

    /// <summary>
    /// True while every parameter still holds its views: something that re-assigned a .grad or a
    /// parameter's storage would leave the flat buffers stale, so callers check before trusting them.
    /// </summary>
    public bool IsIntact()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            using var grad = p.grad;
            if (!SharesStorage(p, Values) || grad is null || !SharesStorage(grad, Gradients)
                || p.storage_offset() != Offsets[i] || grad.storage_offset() != Offsets[i])
                return false;
        }
        return true;
    }

    // storage<T>() must name the tensor's own element type (another T gives a converted copy).
    static bool SharesStorage(Tensor a, Tensor b) => a.dtype == ScalarType.Float64
        ? a.storage<double>().data_ptr() == b.storage<double>().data_ptr()
        : a.storage<float>().data_ptr() == b.storage<float>().data_ptr();

    static Tensor View(Tensor buffer, IReadOnlyList<long> offsets, int index, long[] shape)
    {
        using var segment = buffer.narrow(0, offsets[index], offsets[index + 1] - offsets[index]);
        return segment.view(shape);
    }

    public void Dispose()
    {
        foreach (var segment in GradientSegments) segment.Dispose();
        Values.Dispose();
        Gradients.Dispose();
    }
}
