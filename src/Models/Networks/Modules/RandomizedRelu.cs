using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>rrelu: z for z ≥ 0, else a·z with a ~ U(l, u) per element in training and a = (l + u)/2 in eval.</summary>
public sealed class RandomizedRelu(double lower, double upper, ulong seed) : SeededModule("rrelu", seed)
{
    public override Tensor forward(Tensor z)
    {
        var slope = training
            ? Uniform(z) * (upper - lower) + lower
            : full_like(z, (lower + upper) / 2);
        return where(z.ge(0), z, slope * z);
    }
}
