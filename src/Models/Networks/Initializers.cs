using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>
/// Applies an initialisation scheme to a module's weight matrices (every parameter with two or
/// more dimensions; biases keep their defaults, so a highway gate bias survives). Recurrent
/// hidden-to-hidden weights start orthogonal whenever a scheme is set. Draws come from the
/// global generator, which <see cref="NetworkFactory"/> seeds under its lock.
/// </summary>
public static class Initializers
{
    public static void Apply(nn.Module module, InitSpec? init)
    {
        if (init is null) return;
        using var noGrad = no_grad();
        foreach (var (name, weight) in module.named_parameters())
        {
            if (weight.dim() < 2) continue;
            if (name.Contains("weight_hh", StringComparison.Ordinal)) nn.init.orthogonal_(weight);
            else Fill(weight, init);
        }
    }

    static void Fill(Tensor weight, InitSpec init)
    {
        long receptive = weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        double fanIn = weight.shape[1] * receptive, fanOut = weight.shape[0] * receptive;
        switch (init.Scheme)
        {
            case InitScheme.XavierUniform: Uniform(weight, Math.Sqrt(6 / (fanIn + fanOut))); break;
            case InitScheme.XavierNormal: weight.normal_(0, Math.Sqrt(2 / (fanIn + fanOut))); break;
            case InitScheme.HeUniform: Uniform(weight, Math.Sqrt(6 / fanIn)); break;
            case InitScheme.HeNormal: weight.normal_(0, Math.Sqrt(2 / fanIn)); break;
            case InitScheme.LecunNormal: weight.normal_(0, Math.Sqrt(1 / fanIn)); break;
            case InitScheme.Orthogonal: nn.init.orthogonal_(weight); break;
            case InitScheme.Zeros: weight.zero_(); break;
            case InitScheme.Normal: weight.normal_(0, init.Std); break;
            default: throw new NotSupportedException($"Initialiser {init.Scheme} has no rule.");
        }
    }

    static void Uniform(Tensor weight, double bound) => weight.uniform_(-bound, bound);
}
