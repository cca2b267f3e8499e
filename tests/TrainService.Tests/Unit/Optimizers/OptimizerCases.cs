using TrainService.Contracts.Specs;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>One spec per optimizer kind and variant, with learning rates that move a tiny MLP visibly in a few steps.</summary>
public static class OptimizerCases
{
    public static readonly Dictionary<string, OptimizerSpec> All = new()
    {
        ["gd"] = new GdOptimizerSpec { Lr = 0.5 },
        ["sgd"] = new SgdOptimizerSpec { Lr = 0.5 },
        ["momentum-torch"] = new MomentumOptimizerSpec { Lr = 0.1 },
        ["momentum-book"] = new MomentumOptimizerSpec { Lr = 0.1, Variant = OptimizerVariant.Book },
        ["nesterov"] = new NesterovOptimizerSpec { Lr = 0.1 },
        ["adagrad-torch"] = new AdagradOptimizerSpec { Lr = 0.1 },
        ["adagrad-book"] = new AdagradOptimizerSpec { Lr = 0.1, Variant = OptimizerVariant.Book },
        ["rmsprop-torch"] = new RmspropOptimizerSpec { Lr = 0.01 },
        ["rmsprop-book"] = new RmspropOptimizerSpec { Lr = 0.01, Variant = OptimizerVariant.Book },
        ["adam-torch"] = new AdamOptimizerSpec { Lr = 0.05 },
        ["adam-book"] = new AdamOptimizerSpec { Lr = 0.05, Variant = OptimizerVariant.Book },
        ["adamax"] = new AdamaxOptimizerSpec { Lr = 0.05 },
        ["nadam-torch"] = new NadamOptimizerSpec { Lr = 0.05 },
        ["nadam-book"] = new NadamOptimizerSpec { Lr = 0.05, Variant = OptimizerVariant.Book },
        ["adamw"] = new AdamwOptimizerSpec { Lr = 0.05 },
        ["sgdw"] = new SgdwOptimizerSpec { Lr = 0.1 },
        ["radam"] = new RadamOptimizerSpec { Lr = 0.05 },
        ["lion"] = new LionOptimizerSpec { Lr = 0.01, WeightDecay = 0.01 },
        ["newton"] = new NewtonOptimizerSpec { Lr = 0.5, Damping = 0.1 },
        ["lbfgs"] = new LbfgsOptimizerSpec { Lr = 0.5, MaxIter = 4, HistorySize = 3 },
    };

    public static TheoryData<string> Names => new(All.Keys);
}
