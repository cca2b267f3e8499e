using TrainService.Contracts.Specs;
using TorchSharp;
using TorchSharp.Modules;
using TrainService.Models.Training;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Maps each optimizer kind (and variant) to a TorchSharp built-in or a custom optimizer.
/// Built-ins get every hyperparameter explicitly: TorchSharp's defaults differ from PyTorch's in places.
/// </summary>
public static class OptimizerFactory
{
    /// <param name="spec">The optimizer's spec.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="flat">The same parameters laid out flat, for an optimizer that <see cref="UsesFlatParameters"/>; ignored by the others.</param>
    public static ITrainingOptimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters, FlatParameters? flat = null) => spec switch
    {
        GdOptimizerSpec s => new GradientDescent(parameters, s.Lr, s.Tol),
        SgdOptimizerSpec s => Torch(torch.optim.SGD(parameters, learningRate: s.Lr, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false)),
        MomentumOptimizerSpec { Variant: OptimizerVariant.Book } s => new MomentumBook(parameters, s.Lr, s.Momentum),
        MomentumOptimizerSpec s => Torch(torch.optim.SGD(parameters, learningRate: s.Lr, momentum: s.Momentum, dampening: 0, weight_decay: 0, nesterov: false, maximize: false)),
        NesterovOptimizerSpec s => Torch(torch.optim.SGD(parameters, learningRate: s.Lr, momentum: s.Momentum, dampening: 0, weight_decay: 0, nesterov: true, maximize: false)),
        AdagradOptimizerSpec { Variant: OptimizerVariant.Book } s => new AdagradBook(parameters, s.Lr, s.Eps),
        AdagradOptimizerSpec s => new AdagradTorch(parameters, s.Lr, s.Eps),
        RmspropOptimizerSpec { Variant: OptimizerVariant.Book } s => new RmspropBook(parameters, s.Lr, s.Rho, s.Eps),
        RmspropOptimizerSpec s => Torch(torch.optim.RMSProp(parameters, lr: s.Lr, alpha: s.Rho, eps: s.Eps, weight_decay: 0, momentum: 0, centered: false, maximize: false)),
        AdamOptimizerSpec { Variant: OptimizerVariant.Book } s => new AdamBook(parameters, s.Lr, s.Beta1, s.Beta2, s.Eps),
        AdamOptimizerSpec s => Torch(new LeanAdam(parameters, s.Lr, s.Beta1, s.Beta2, s.Eps, flat)),
        AdamaxOptimizerSpec s => new AdamaxTorch(parameters, s.Lr, s.Beta1, s.Beta2, s.Eps),
        NadamOptimizerSpec { Variant: OptimizerVariant.Book } s => new NadamBook(parameters, s.Lr, s.Beta1, s.Beta2, s.Eps),
        NadamOptimizerSpec s => Torch(torch.optim.NAdam(parameters, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: 0, momentum_decay: 4e-3)),
        AdamwOptimizerSpec s => Torch(torch.optim.AdamW(parameters, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay, amsgrad: false, maximize: false)),
        SgdwOptimizerSpec s => new Sgdw(parameters, s.Lr, s.Momentum, s.WeightDecay),
        RadamOptimizerSpec s => new Radam(parameters, s.Lr, s.Beta1, s.Beta2, s.Eps),
        LionOptimizerSpec s => new Lion(parameters, s.Lr, s.Beta1, s.Beta2, s.WeightDecay),
        NewtonOptimizerSpec s => new Newton(parameters, s.Lr, s.Damping),
        LbfgsOptimizerSpec s => new Lbfgs(parameters, s.Lr, s.MaxIter, s.ToleranceGrad, s.ToleranceChange, s.HistorySize),
        _ => throw new NotSupportedException($"Optimizer kind {spec.GetType().Name} has no builder."),
    };

    /// <summary>The optimizers whose update runs over <see cref="FlatParameters"/> when given them (the others step tensor by tensor).</summary>
    public static bool UsesFlatParameters(OptimizerSpec spec) => spec is AdamOptimizerSpec { Variant: not OptimizerVariant.Book };

    /// <summary>
    /// How many examples one step sees: gd, newton and lbfgs use the whole split; every other
    /// optimizer, sgd included, uses batchSize (the course's one-example SGD is sgd with batchSize 1).
    /// </summary>
    public static int BatchSize(OptimizerSpec spec, int requested, int rows) => spec switch
    {
        GdOptimizerSpec or NewtonOptimizerSpec or LbfgsOptimizerSpec => rows,
        _ => Math.Min(requested, rows),
    };

    static TorchOptimizer Torch(OptimizerHelper optimizer) => new(optimizer);
}
