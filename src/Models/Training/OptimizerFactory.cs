using TrainService.Contracts.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Maps each optimizer kind to a TorchSharp optimizer, passing every hyperparameter explicitly (TorchSharp's defaults differ from PyTorch's in places).</summary>
public static class OptimizerFactory
{
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec switch
    {
        SgdOptimizerSpec sgd => optim.SGD(parameters, learningRate: sgd.Lr, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false),
        AdamOptimizerSpec adam => optim.Adam(parameters, lr: adam.Lr, beta1: adam.Beta1, beta2: adam.Beta2, eps: adam.Eps, weight_decay: 0, amsgrad: false),
        _ => throw new NotSupportedException($"Optimizer kind {spec.GetType().Name} has no builder."),
    };
}
