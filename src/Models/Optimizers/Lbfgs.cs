using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// L-BFGS without line search, following PyTorch's algorithm step for step. Written here rather
/// than using TorchSharp's native LBFGS because that one cannot save or restore its history,
/// and a resumed job must continue the same trajectory.
/// </summary>
public sealed class Lbfgs(IEnumerable<Parameter> parameters, double lr, int maxIter, double toleranceGrad, double toleranceChange, int historySize)
    : ITrainingOptimizer
{
    readonly Parameter[] parameters = parameters.ToArray();
    readonly int maxEval = maxIter * 5 / 4;
    readonly LbfgsHistory history = new();

    public double LearningRate { get; set; } = lr;
    public long StepCount { get; private set; }
    public bool Converged => false;

    public void Step(ILossClosure closure)
    {
        StepCount++;
        double loss = closure.LossAndGradient().ToDouble();
        using var noGrad = no_grad();
        var flatGrad = GatherFlatGrad();
        try
        {
            if (flatGrad.abs().max().ToDouble() <= toleranceGrad) return;
            int currentEvals = 1;
            for (int iteration = 1; iteration <= maxIter; iteration++)
            {
                history.Iterations++;
                Direction(flatGrad);
                history.SetPrevious(flatGrad, loss);
                history.T = history.Iterations == 1 ? Math.Min(1.0, 1.0 / flatGrad.abs().sum().ToDouble()) * LearningRate : LearningRate;
                if (Dot(flatGrad, history.D!).ToDouble() > -toleranceChange) break;
                AddDirection(history.T, history.D!);
                bool optimal = false;
                if (iteration != maxIter)
                {
                    using (enable_grad()) loss = closure.LossAndGradient().ToDouble();
                    flatGrad.Dispose();
                    flatGrad = GatherFlatGrad();
                    optimal = flatGrad.abs().max().ToDouble() <= toleranceGrad;
                    currentEvals++;
                }
                if (iteration == maxIter || currentEvals >= maxEval || optimal) break;
                if (history.D!.mul(history.T).abs().max().ToDouble() <= toleranceChange) break;
                if (Math.Abs(loss - history.PreviousLoss) < toleranceChange) break;
            }
        }
        finally
        {
            flatGrad.Dispose();
        }
    }

    /// <summary>The two-loop recursion: sets history.D to −H·g from the stored curvature pairs.</summary>
    void Direction(Tensor flatGrad)
    {
        if (history.Iterations == 1)
        {
            history.Reset(flatGrad.neg());
            return;
        }
        using var scope = NewDisposeScope();
        var y = flatGrad.sub(history.PreviousGrad!);
        var s = history.D!.mul(history.T);
        var ys = Dot(y, s);
        if (ys.ToDouble() > 1e-10)
            history.Push(y, s, ys, historySize);
        int count = history.Dirs.Count;
        var alphas = new Tensor[count];
        var q = flatGrad.neg();
        for (int i = count - 1; i >= 0; i--)
        {
            alphas[i] = Dot(history.Stps[i], q).mul_(history.Ro[i]);
            q.add_(history.Dirs[i].mul(alphas[i].neg()));
        }
        var r = q.mul(history.HDiag!);
        for (int i = 0; i < count; i++)
        {
            var beta = Dot(history.Dirs[i], r).mul_(history.Ro[i]);
            r.add_(history.Stps[i].mul(alphas[i].sub(beta)));
        }
        history.SetDirection(r.DetachFromDisposeScope());
    }

    /// <summary>
    /// An inner product that gives the same bits wherever its operands live: BLAS dot (MKL)
    /// may sum in an order that depends on memory alignment, which made resumed runs drift.
    /// </summary>
    internal static Tensor Dot(Tensor a, Tensor b) => a.mul(b).sum();

    Tensor GatherFlatGrad() =>
        cat(parameters.Select(p => p.grad is { } g ? g.reshape(-1) : zeros(p.numel(), dtype: p.dtype, device: p.device)).ToArray(), 0);

    void AddDirection(double step, Tensor direction)
    {
        long offset = 0;
        foreach (var p in parameters)
        {
            using var slice = direction.narrow(0, offset, p.numel()).view_as(p);
            p.add_(slice, alpha: step);
            offset += p.numel();
        }
    }

    public void SaveState(Stream destination)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        StateIo.WriteHeader(writer, nameof(Lbfgs), StepCount, LearningRate);
        history.Write(writer);
    }

    public void LoadState(Stream source)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        (StepCount, LearningRate) = StateIo.ReadHeader(reader, nameof(Lbfgs));
        history.Read(reader, parameters[0].device);
    }

    public void Dispose() => history.Dispose();
}
