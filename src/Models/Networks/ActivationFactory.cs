using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks;

/// <summary>Builds the module for an activation kind; identity is a pass-through.</summary>
public static class ActivationFactory
{
    public static nn.Module<Tensor, Tensor> Create(Activation activation) => activation switch
    {
        Activation.Identity => nn.Identity(),
        Activation.Relu => nn.ReLU(),
        Activation.Tanh => nn.Tanh(),
        Activation.Sigmoid => nn.Sigmoid(),
        _ => throw new NotSupportedException($"Activation {activation} has no builder."),
    };
}
