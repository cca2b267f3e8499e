using TrainService.Contracts.Specs;
using TrainService.Models.Networks.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Builds the module for an activation with its parameters; defaults are the course's.</summary>
public static class ActivationFactory
{
    public const double LeakyReluAlpha = 0.01, EluAlpha = 1.0, RreluLower = 1.0 / 8, RreluUpper = 1.0 / 3, PreluInit = 0.25;

    /// <summary>The <c>activation</c> field of linear/conv2d layers: course defaults, a shared prelu slope.</summary>
    public static nn.Module<Tensor, Tensor> Create(Activation activation, BuildContext context) =>
        Create(new ActivationLayerSpec { Function = activation }, [1], context);

    public static nn.Module<Tensor, Tensor> Create(ActivationLayerSpec spec, int[] inputShape, BuildContext context) => spec.Function switch
    {
        Activation.Identity => nn.Identity(),
        Activation.Relu => nn.ReLU(),
        Activation.Tanh => nn.Tanh(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Softsign => nn.Softsign(),
        Activation.HardSigmoid => nn.Hardsigmoid(),
        Activation.HardTanh => new ClampTanh(),
        Activation.LeakyRelu => nn.LeakyReLU(spec.Alpha ?? LeakyReluAlpha),
        Activation.Prelu => nn.PReLU(spec.PerChannel == true ? inputShape[0] : 1, spec.PreluInit ?? PreluInit),
        Activation.Rrelu => new RandomizedRelu(spec.Lower ?? RreluLower, spec.Upper ?? RreluUpper, context.NextSeed()),
        Activation.Elu => nn.ELU(spec.Alpha ?? EluAlpha),
        Activation.Selu => nn.SELU(),
        Activation.NoisyRelu => new NoisyRelu(context.NextSeed()),
        Activation.Gelu => nn.GELU(),
        Activation.GeluTanh => nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh),
        Activation.GeluSigmoid => new SigmoidGelu(),
        Activation.Silu => nn.SiLU(),
        Activation.Softplus => nn.Softplus(),
        Activation.Softmax => nn.Softmax(1),
        _ => throw new NotSupportedException($"Activation {spec.Function} has no builder."),
    };

    /// <summary>Learned parameters the activation adds (only prelu has any).</summary>
    public static long Parameters(ActivationLayerSpec spec, int[] inputShape) =>
        spec.Function == Activation.Prelu ? (spec.PerChannel == true ? inputShape[0] : 1) : 0;
}
