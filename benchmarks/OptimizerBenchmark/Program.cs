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
    ("adam (torch form, LeanAdam)", new AdamOptimizerSpec()),
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
};

Console.WriteLine($"MLP 784-256-256-10, batch 128, {threads} thread(s); rounds of {steps} steps interleaved across optimizers, median of 9 rounds");
var benches = cases.Select(c => new Bench(c.Spec)).ToArray();
foreach (var bench in benches) bench.Time(5, updateOnly: false); // warm-up: JIT, allocator growth
var stepRounds = benches.Select(_ => new List<double>()).ToArray();
var updateRounds = benches.Select(_ => new List<double>()).ToArray();
// Interleaving spreads any drift in machine load over every optimizer alike.
for (int round = 0; round < 9; round++)
    for (int i = 0; i < benches.Length; i++)
    {
        stepRounds[i].Add(benches[i].Time(steps, updateOnly: false));
        updateRounds[i].Add(benches[i].Time(steps, updateOnly: true));
    }
double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
double adamStep = Median(stepRounds[0]), adamUpdate = Median(updateRounds[0]);
Console.WriteLine($"{"optimizer",-28} {"step ms",9} {"×adam",7} {"update ms",10} {"×adam",7}");
for (int i = 0; i < benches.Length; i++)
{
    double step = Median(stepRounds[i]), update = Median(updateRounds[i]);
    Console.WriteLine($"{cases[i].Name,-28} {step,9:F3} {step / adamStep,7:F2} {update,10:F3} {update / adamUpdate,7:F2}");
}

/// <summary>One optimizer on its own copy of the network and batch.</summary>
sealed class Bench
{
    readonly ITrainingOptimizer optimizer;
    readonly FullClosure full;
    readonly CachedClosure cached = new();

    public Bench(OptimizerSpec spec)
    {
        torch.random.manual_seed(1);
        var model = nn.Sequential(("fc1", nn.Linear(784, 256)), ("relu1", nn.ReLU()), ("fc2", nn.Linear(256, 256)), ("relu2", nn.ReLU()), ("fc3", nn.Linear(256, 10)));
        var parameters = model.parameters().ToArray();
        optimizer = OptimizerFactory.Create(spec, parameters);
        full = new FullClosure(model, parameters, randn(128, 784), randint(0, 10, [128]));
    }

    /// <summary>Milliseconds per step: the full step, or the update alone on the gradients of one backward.</summary>
    public double Time(int steps, bool updateOnly)
    {
        if (updateOnly)
            using (NewDisposeScope()) full.LossAndGradient();
        ILossClosure closure = updateOnly ? cached : full;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.Step(closure);
        }
        return clock.Elapsed.TotalMilliseconds / steps;
    }
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
