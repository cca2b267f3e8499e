using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// RAdam (Liu et al., 2019) as PyTorch computes it. Written here because TorchSharp 0.107's
/// built-in multiplies by lr twice once the rectification starts (ρₜ &gt; 5), i.e. it steps with η².
/// </summary>
public sealed class Radam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : CustomOptimizer(parameters, lr, buffersPerParameter: 2)
{
    readonly double rhoInfinity = 2 / (1 - beta2) - 1;

    protected override void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t)
    {
        var (m, v) = (state[0], state[1]);
        m.mul_(beta1).add_(gradient, alpha: 1.0 - beta1);
        v.mul_(beta2).addcmul_(gradient, gradient, value: 1.0 - beta2);
        double correction1 = 1.0 - Math.Pow(beta1, t), correction2 = 1.0 - Math.Pow(beta2, t);
        double rho = rhoInfinity - 2 * t * Math.Pow(beta2, t) / correction2;
        if (rho <= 5)
        {
            parameter.add_(m, alpha: -LearningRate / correction1);
            return;
        }
        double rectification = Math.Sqrt((rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho));
        parameter.addcdiv_(m, v.sqrt().add_(eps), value: -LearningRate * rectification * Math.Sqrt(correction2) / correction1);
    }
}
