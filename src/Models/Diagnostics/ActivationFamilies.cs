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

/// <summary>
/// A module's family and, for dying ones, where its derivative is exactly zero (a boolean mask of
/// the input), optionally a cheaper way to the dead units than that mask over the whole batch, and
/// the same rule for one float32 input (<see cref="ZeroGradientAt"/>: the diagnostics' host path on the CPU).
/// </summary>
public sealed record ActivationKind(ActivationFamily Family, Func<Tensor, Tensor>? ZeroGradient = null, Func<Tensor, Tensor>? DeadUnits = null, ZeroGradientRange? ZeroGradientAt = null)
{
    public static readonly ActivationKind Other = new(ActivationFamily.Other);

    /// <summary>For a batch of inputs: which units (entries past the batch dimension) pass no gradient at any example.</summary>
    public Tensor Dead(Tensor input) => DeadUnits is { } dead ? dead(input) : ZeroGradient!(input).all(0);
}

public static class ActivationFamilies
{
    // libtorch's backward rules: relu' = 0 for z ≤ 0; hardsigmoid' = 0 unless −3 < z < 3;
    // clamp' = 0 outside [−1, 1]. noisy_relu's noise is detached, so its gradient is relu's.
    // Scalars are held for the process's life, never built per call: one built for a call must stay
    // referenced while libtorch reads it (see the pitfalls note on implicit Scalars under GC), and a
    // sampled step pays for every native allocation.
    static readonly Scalar Zero = 0.0f.ToScalar(), MinusThree = (-3.0f).ToScalar(), Three = 3.0f.ToScalar(), MinusOne = (-1.0f).ToScalar(), One = 1.0f.ToScalar();
    // relu' = 0 at every example exactly when the largest input over the batch is ≤ 0 (NaN is neither):
    // one pass over the batch instead of a mask of it.
    // NaN compares false both ways, so it never counts as zero gradient on either path.
    static readonly ActivationKind Relu = new(ActivationFamily.Dying, z => z.le(Zero), z => z.amax(0).le(Zero), new ZeroGradientRange(0, LowIncluded: true));
    static readonly ActivationKind HardSigmoid = new(ActivationFamily.Dying, z => z.le(MinusThree).logical_or(z.ge(Three)), ZeroGradientAt: new ZeroGradientRange(-3, LowIncluded: true, 3, HighIncluded: true));
    static readonly ActivationKind HardTanh = new(ActivationFamily.Dying, z => z.lt(MinusOne).logical_or(z.gt(One)), ZeroGradientAt: new ZeroGradientRange(-1, LowIncluded: false, 1, HighIncluded: false));
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
}
