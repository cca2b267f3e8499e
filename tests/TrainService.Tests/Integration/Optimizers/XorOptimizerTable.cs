using TrainService.Contracts.Specs;

namespace TrainService.Tests.Integration.Optimizers;

/// <summary>The README table ("Every optimizer trains XOR"): per optimizer and variant, the lr, epochs and batch size that train XOR (sgd with batch 1 is the course's one-example SGD).</summary>
public static class XorOptimizerTable
{
    const OptimizerVariant Book = OptimizerVariant.Book;

    public static readonly Dictionary<string, (OptimizerSpec Optimizer, int Epochs, int BatchSize)> Rows = new()
    {
        ["gd"] = (new GdOptimizerSpec { Lr = 1.0 }, 300, 10),
        ["sgd"] = (new SgdOptimizerSpec { Lr = 0.1 }, 40, 1),
        ["momentum-torch"] = (new MomentumOptimizerSpec { Lr = 0.1 }, 60, 10),
        ["momentum-book"] = (new MomentumOptimizerSpec { Lr = 0.1, Variant = Book }, 60, 10),
        ["nesterov"] = (new NesterovOptimizerSpec { Lr = 0.1 }, 60, 10),
        ["adagrad-torch"] = (new AdagradOptimizerSpec { Lr = 0.2 }, 60, 10),
        ["adagrad-book"] = (new AdagradOptimizerSpec { Lr = 0.2, Variant = Book }, 60, 10),
        ["rmsprop-torch"] = (new RmspropOptimizerSpec { Lr = 0.02 }, 60, 10),
        ["rmsprop-book"] = (new RmspropOptimizerSpec { Lr = 0.02, Variant = Book }, 60, 10),
        ["adam-torch"] = (new AdamOptimizerSpec { Lr = 0.05 }, 60, 10),
        ["adam-book"] = (new AdamOptimizerSpec { Lr = 0.05, Variant = Book }, 60, 10),
        ["adamax"] = (new AdamaxOptimizerSpec { Lr = 0.05 }, 60, 10),
        ["nadam-torch"] = (new NadamOptimizerSpec { Lr = 0.05 }, 60, 10),
        ["nadam-book"] = (new NadamOptimizerSpec { Lr = 0.05, Variant = Book }, 60, 10),
        ["adamw"] = (new AdamwOptimizerSpec { Lr = 0.05 }, 60, 10),
        ["sgdw"] = (new SgdwOptimizerSpec { Lr = 0.1 }, 60, 10),
        ["radam"] = (new RadamOptimizerSpec { Lr = 0.05 }, 60, 10),
        ["lion"] = (new LionOptimizerSpec { Lr = 0.01 }, 60, 10),
        ["newton"] = (new NewtonOptimizerSpec { Lr = 1.0, Damping = 0.1 }, 30, 10),
        ["lbfgs"] = (new LbfgsOptimizerSpec { Lr = 1.0 }, 20, 10),
    };

    public static TheoryData<string> Names => new(Rows.Keys);
}
