using TrainService.Contracts.Specs;

namespace TrainService.Tests.Integration.Optimizers;

/// <summary>The README table (docs/readme/optimizers.md): per optimizer and variant, the lr and epochs that train XOR.</summary>
public static class XorOptimizerTable
{
    const OptimizerVariant Book = OptimizerVariant.Book;

    public static readonly Dictionary<string, (OptimizerSpec Optimizer, int Epochs)> Rows = new()
    {
        ["gd"] = (new GdOptimizerSpec { Lr = 1.0 }, 300),
        ["sgd"] = (new SgdOptimizerSpec { Lr = 0.1 }, 40),
        ["momentum-torch"] = (new MomentumOptimizerSpec { Lr = 0.1 }, 60),
        ["momentum-book"] = (new MomentumOptimizerSpec { Lr = 0.1, Variant = Book }, 60),
        ["nesterov"] = (new NesterovOptimizerSpec { Lr = 0.1 }, 60),
        ["adagrad-torch"] = (new AdagradOptimizerSpec { Lr = 0.2 }, 60),
        ["adagrad-book"] = (new AdagradOptimizerSpec { Lr = 0.2, Variant = Book }, 60),
        ["rmsprop-torch"] = (new RmspropOptimizerSpec { Lr = 0.02 }, 60),
        ["rmsprop-book"] = (new RmspropOptimizerSpec { Lr = 0.02, Variant = Book }, 60),
        ["adam-torch"] = (new AdamOptimizerSpec { Lr = 0.05 }, 60),
        ["adam-book"] = (new AdamOptimizerSpec { Lr = 0.05, Variant = Book }, 60),
        ["adamax"] = (new AdamaxOptimizerSpec { Lr = 0.05 }, 60),
        ["nadam-torch"] = (new NadamOptimizerSpec { Lr = 0.05 }, 60),
        ["nadam-book"] = (new NadamOptimizerSpec { Lr = 0.05, Variant = Book }, 60),
        ["adamw"] = (new AdamwOptimizerSpec { Lr = 0.05 }, 60),
        ["sgdw"] = (new SgdwOptimizerSpec { Lr = 0.1 }, 60),
        ["radam"] = (new RadamOptimizerSpec { Lr = 0.05 }, 60),
        ["lion"] = (new LionOptimizerSpec { Lr = 0.01 }, 60),
        ["newton"] = (new NewtonOptimizerSpec { Lr = 1.0, Damping = 0.1 }, 30),
        ["lbfgs"] = (new LbfgsOptimizerSpec { Lr = 1.0 }, 20),
    };

    public static TheoryData<string> Names => new(Rows.Keys);
}
