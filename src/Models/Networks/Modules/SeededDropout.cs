using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>Inverted dropout with a seeded mask: x·m/(1−p), m ~ Bernoulli(1−p), in training; identity in eval.</summary>
public sealed class SeededDropout(double p, ulong seed) : SeededModule("dropout", seed)
{
    public override Tensor forward(Tensor x)
    {
        if (!training || p == 0) return x.alias();
        var keep = Uniform(x).ge(p).to(x.dtype);
        return x * keep / (1 - p);
    }
}
