using System.Diagnostics;
using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

// Times one optimizer step on an MLP 784-256-256-10 with batch 128 (CPU, one thread unless an
// argument says otherwise): the full step (forward, backward, update) and the update alone
// (gradients computed once, the closure returns at once). Not a test: timings vary by machine.
int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
int steps = args.Length > 1 ? int.Parse(args[1]) : 200;
torch.set_num_threads(threads);

var cases = new (string Name, OptimizerSpec Spec)[]
{
    ("adam (torch, built-in)", new AdamOptimizerSpec()),
    ("sgd (built-in)", new SgdOptimizerSpec()),
    ("adamw (built-in)", new AdamwOptimizerSpec()),
    ("gd (custom)", new GdOptimizerSpec { Tol = 0 }),
    ("momentum book (custom)", new MomentumOptimizerSpec { Variant = OptimizerVariant.Book }),
    ("adagrad book (custom)", new AdagradOptimizerSpec { Variant = OptimizerVariant.Book }),
    ("rmsprop book (custom)", new RmspropOptimizerSpec { Variant = OptimizerVariant.Book }),
    ("adam book (custom)", new AdamOptimizerSpec { Variant = OptimizerVariant.Book }),
    ("nadam book (custom)", new NadamOptimizerSpec { Variant = OptimizerVariant.Book }),
    ("sgdw (custom)", new SgdwOptimizerSpec()),
    ("radam (custom)", new RadamOptimizerSpec()),
    ("lion (custom)", new LionOptimizerSpec()),
    ("lbfgs maxIter=1 (custom)", new LbfgsOptimizerSpec { MaxIter = 1 }),
    ("adam again (drift check)", new AdamOptimizerSpec()),
};

Console.WriteLine($"MLP 784-256-256-10, batch 128, {threads} thread(s), {steps} timed steps each (median of 5 rounds)");
Console.WriteLine($"{"optimizer",-28} {"step ms",9} {"×adam",7} {"update ms",10} {"×adam",7}");
Measure(cases[0].Spec, steps); // warm-up: the first measurement pays for JIT and allocator growth
double adamStep = 0, adamUpdate = 0;
foreach (var (name, spec) in cases)
{
    var (step, update) = Measure(spec, steps);
    if (adamStep == 0) (adamStep, adamUpdate) = (step, update);
    Console.WriteLine($"{name,-28} {step,9:F3} {step / adamStep,7:F2} {update,10:F3} {update / adamUpdate,7:F2}");
}

static (double StepMs, double UpdateMs) Measure(OptimizerSpec spec, int steps)
{
    torch.random.manual_seed(1);
    using var model = nn.Sequential(("fc1", nn.Linear(784, 256)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(256, 256)), ("relu2", nn.ReLU()), ("fc3", nn.Linear(256, 10)));
    var parameters = model.parameters().ToArray();
    using var optimizer = OptimizerFactory.Create(spec, parameters);
    using var x = randn(128, 784);
    using var y = randint(0, 10, [128]);
    var full = new FullClosure(model, parameters, x, y);
    var cached = new CachedClosure();
    double Time(ILossClosure closure, bool backwardFirst)
    {
        for (int i = 0; i < 20; i++) Run(closure, backwardFirst);
        var rounds = new double[5];
        for (int r = 0; r < rounds.Length; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) Run(closure, backwardFirst: false);
            rounds[r] = clock.Elapsed.TotalMilliseconds / steps;
        }
        Array.Sort(rounds);
        return rounds[rounds.Length / 2];
    }
    void Run(ILossClosure closure, bool backwardFirst)
    {
        using var scope = NewDisposeScope();
        if (backwardFirst) full.LossAndGradient();
        optimizer.Step(closure);
    }
    double stepMs = Time(full, backwardFirst: false);
    using (NewDisposeScope()) full.LossAndGradient();
    double updateMs = Time(cached, backwardFirst: false);
    return (stepMs, updateMs);
}

sealed class FullClosure(nn.Module<Tensor, Tensor> model, TorchSharp.Modules.Parameter[] parameters, Tensor x, Tensor y) : ILossClosure
{
    public Tensor Loss() => nn.functional.cross_entropy(model.forward(x), y);

    public Tensor LossAndGradient()
    {
        foreach (var p in parameters) p.grad?.zero_();
        var loss = Loss();
        loss.backward();
        return loss;
    }
}

/// <summary>Leaves the gradients of the last backward in place, so a step times the update alone.</summary>
sealed class CachedClosure : ILossClosure
{
    public Tensor Loss() => tensor(0f);
    public Tensor LossAndGradient() => tensor(0f);
}
