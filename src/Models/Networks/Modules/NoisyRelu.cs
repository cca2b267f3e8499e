using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>
/// Noisy ReLU as the course defines it: 0 for z ≤ 0, z + N(0, σ(z)) (variance = logistic σ(z))
/// for z &gt; 0 in training; plain ReLU in eval. The noise is detached, so the gradient is ReLU's.
/// </summary>
public sealed class NoisyRelu(ulong seed) : SeededModule("noisy_relu", seed)
{
    public override Tensor forward(Tensor z)
    {
        var relu = nn.functional.relu(z);
        if (!training) return relu;
        var positive = z.detach();
        var noise = Normal(positive) * sigmoid(positive).sqrt() * positive.gt(0).to(z.dtype);
        return relu + noise;
    }
}
