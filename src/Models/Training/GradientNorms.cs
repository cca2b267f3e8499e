using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

public static class GradientNorms
{
    /// <summary>L2 norm of all gradients together, as a scalar tensor (no host sync until read).</summary>
    public static Tensor Global(IEnumerable<Parameter> parameters)
    {
        Tensor? sum = null;
        foreach (var p in parameters)
        {
            if (p.grad is not { } grad) continue;
            var squares = grad.pow(2).sum();
            sum = sum is null ? squares : sum.add_(squares);
        }
        return sum is null ? tensor(0f) : sum.sqrt();
    }
}
