using TorchSharp;
using TorchSharp.Modules;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// TorchSharp's built-in Adam (amsgrad, maximize and weight decay off, as the factory builds it)
/// with a cheaper step: the very same tensor operations in the same order on the same state, so
/// every bit of the update is unchanged, but without the per-call Scalars (seven per parameter,
/// each a native allocation and the freed-Scalar race of the pitfalls note), the temporary
/// division result and the dispose scope of its own. State and its saving are the base class's,
/// so checkpoints written by either read in the other.
/// On the course's small MLPs the optimizer step is about a third of a training step; this saves about a tenth of it.
/// Over <see cref="FlatParameters"/> the moment buffers become views of two flat buffers too, and
/// the update is eight native calls for the whole model: the same formula element by element,
/// though libtorch's vector kernels may round a tensor's last few elements differently than
/// its scalar tail loop did (an arithmetic-order difference only; the formula tests pin it).
/// Over float32 flat buffers on the CPU those eight calls become two C# passes around libtorch's
/// square root (<see cref="HostAdamUpdate"/>), with the same bits.
/// </summary>
public sealed class LeanAdam : Adam
{
    readonly Scalar beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps;
    readonly (double Beta1, double Beta2) betas;
    readonly double epsValue;
    // The per-step Scalars, shared by every parameter at the same step count.
    long scalarsStep = -1;
    double scalarsLr = double.NaN;
    Scalar? sqrtBiasCorrection2, negativeStepSize;
    // The same numbers as the float32 each Scalar becomes in libtorch's float kernels (the host update's).
    (float SqrtBiasCorrection2, float NegativeStepSize) hostScalars;
    readonly FlatParameters? flat;
    readonly Tensor? flatExpAvg, flatExpAvgSq;
    // Over float32 buffers on the CPU the flat update runs in C# (HostAdamUpdate), chosen once.
    readonly bool hostUpdate;

    public LeanAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, FlatParameters? flat = null)
        : base(flat?.Parameters ?? parameters, lr, beta1, beta2, eps, weight_decay: 0, amsgrad: false, maximize: false)
    {
        betas = (beta1, beta2);
        epsValue = eps;
        this.beta1 = beta1.ToScalar();
        oneMinusBeta1 = (1 - beta1).ToScalar();
        this.beta2 = beta2.ToScalar();
        oneMinusBeta2 = (1 - beta2).ToScalar();
        this.eps = eps.ToScalar();
        if (flat is null) return;
        this.flat = flat;
        flatExpAvg = flat.NewBuffer();
        flatExpAvgSq = flat.NewBuffer();
        AttachFlatState();
        hostUpdate = HostReductions.Readable(flat.Values) && HostReductions.Readable(flat.Gradients);
    }

    /// <summary>
    /// Makes every parameter's moment buffers views of the flat ones, keeping their values. Loading
    /// saved state may replace the per-parameter tensors, so it runs again after each load.
    /// </summary>
    public void AttachFlatState()
    {
        if (flat is null) return;
        var states = flat.Parameters.Select(p => (State)_state[p.Handle]).ToArray();
        flat.Adopt(flatExpAvg!, states.Select(s => s.exp_avg).ToArray());
        flat.Adopt(flatExpAvgSq!, states.Select(s => s.exp_avg_sq).ToArray());
    }

    /// <summary>Whether the flat update runs in C# (float32 buffers on the CPU).</summary>
    public bool UpdatesOnHost => hostUpdate;

    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is not null) throw new NotSupportedException("The training loop evaluates the closure before the step.");
        using var noGrad = no_grad();
        if (flat is not null)
        {
            FlatStep();
            return null!;
        }
        foreach (var group in _parameter_groups)
        {
            double lr = group.LearningRate;
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                PrepareStepScalars(state.step, lr);
                state.exp_avg.mul_(beta1).add_(grad, alpha: oneMinusBeta1);
                state.exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2); // grad.conj() is grad for real tensors
                // sqrt(v) / √bc2 + eps: the base class divides out of place; in place on the fresh sqrt gives the same values.
                using var denominator = state.exp_avg_sq.sqrt();
                denominator.div_(sqrtBiasCorrection2!).add_(eps);
                param.addcdiv_(state.exp_avg, denominator, value: negativeStepSize!);
            }
        }
        return null!;
    }

    /// <summary>The per-parameter step's operations, once over the whole model.</summary>
    void FlatStep()
    {
        long step = 0;
        foreach (var p in flat!.Parameters)
        {
            var state = (State)_state[p.Handle];
            step = state.step += 1;
        }
        PrepareStepScalars(step, _parameter_groups[0].LearningRate);
        if (hostUpdate)
        {
            var (b1, b2) = betas;
            HostAdamUpdate.Moments(HostReductions.Floats(flat.Gradients), HostReductions.WritableFloats(flatExpAvg!), HostReductions.WritableFloats(flatExpAvgSq!),
                (float)b1, (float)(1 - b1), (float)b2, (float)(1 - b2));
            using var sqrtV = flatExpAvgSq!.sqrt();
            HostAdamUpdate.Apply(HostReductions.WritableFloats(flat.Values), HostReductions.Floats(flatExpAvg!), HostReductions.Floats(sqrtV),
                hostScalars.SqrtBiasCorrection2, (float)epsValue, hostScalars.NegativeStepSize);
            return;
        }
        var grad = flat.Gradients;
        flatExpAvg!.mul_(beta1).add_(grad, alpha: oneMinusBeta1);
        flatExpAvgSq!.mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
        using var denominator = flatExpAvgSq.sqrt();
        denominator.div_(sqrtBiasCorrection2!).add_(eps);
        flat.Values.addcdiv_(flatExpAvg, denominator, value: negativeStepSize!);
    }

    /// <summary>The same doubles the base class computes (bias corrections from Math.Pow), held as Scalars for the step.</summary>
    void PrepareStepScalars(long step, double lr)
    {
        if (step == scalarsStep && lr == scalarsLr) return;
        sqrtBiasCorrection2?.Dispose();
        negativeStepSize?.Dispose();
        double biasCorrection1 = 1 - Math.Pow(betas.Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(betas.Beta2, step);
        sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        negativeStepSize = (-(lr / biasCorrection1)).ToScalar();
        hostScalars = ((float)Math.Sqrt(biasCorrection2), (float)(-(lr / biasCorrection1)));
        (scalarsStep, scalarsLr) = (step, lr);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var scalar in new[] { beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps, sqrtBiasCorrection2, negativeStepSize }) scalar?.Dispose();
            flatExpAvg?.Dispose();
            flatExpAvgSq?.Dispose();
        }
        base.Dispose(disposing);
    }
}
