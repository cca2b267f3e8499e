using TorchSharp;
using TrainService.Models.Networks.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Which unit pathology a module can show. <see cref="Dying"/>: the derivative is exactly zero on
/// part of the input range (relu below 0, hard sigmoid/tanh outside their linear range), so a unit
/// whose every input lies there passes no gradient at all: it is dead. <see cref="Leaky"/>: the
/// derivative is never zero (leaky/p/r relu, elu, selu, gelu, silu, softplus), so the unit cannot die;
/// its negative regime is reported as its own figure. <see cref="Saturating"/>: smooth squashing
/// functions whose derivative only tends to zero (sigmoid, tanh, softsign).
/// </summary>
public enum ActivationFamily { Other, Dying, Leaky, Saturating }

/// <summary>A module's family and, for dying ones, where its derivative is exactly zero (a boolean mask of the input).</summary>
public sealed record ActivationKind(ActivationFamily Family, Func<Tensor, Tensor>? ZeroGradient = null)
{
    public static readonly ActivationKind Other = new(ActivationFamily.Other);
}

public static class ActivationFamilies
{
    // libtorch's backward rules: relu' = 0 for z ≤ 0; hardsigmoid' = 0 unless −3 < z < 3;
    // clamp' = 0 outside [−1, 1]. noisy_relu's noise is detached, so its gradient is relu's.
    // Scalars are held for the whole call (see the pitfalls note on implicit Scalars under GC).
    static readonly ActivationKind Relu = new(ActivationFamily.Dying, z =>
    {
        using var zero = 0.0f.ToScalar();
        return z.le(zero);
    });
    static readonly ActivationKind HardSigmoid = new(ActivationFamily.Dying, z => Outside(z, -3.0f, 3.0f, inclusive: true));
    static readonly ActivationKind HardTanh = new(ActivationFamily.Dying, z => Outside(z, -1.0f, 1.0f, inclusive: false));
    static readonly ActivationKind Leaky = new(ActivationFamily.Leaky);
    static readonly ActivationKind Saturating = new(ActivationFamily.Saturating);

    public static ActivationKind Of(nn.Module module) => module switch
    {
        ReLU or NoisyRelu => Relu,
        Hardsigmoid => HardSigmoid,
        ClampTanh => HardTanh,
        LeakyReLU or PReLU or RandomizedRelu or ELU or SELU or GELU or SigmoidGelu or SiLU or Softplus or Mish => Leaky,
        Sigmoid or Tanh or Softsign => Saturating,
        _ => ActivationKind.Other,
    };

    static Tensor Outside(Tensor z, float low, float high, bool inclusive)
    {
        using var lo = low.ToScalar();
        using var hi = high.ToScalar();
        return inclusive ? z.le(lo).logical_or(z.ge(hi)) : z.lt(lo).logical_or(z.gt(hi));
    }
}
