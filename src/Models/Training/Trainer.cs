using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>When a run counts as diverged: a gradient norm above <see cref="GradientNorm"/>, or a loss above <see cref="LossRatio"/> × the first step's.</summary>
public readonly record struct DivergenceBounds(double GradientNorm, double LossRatio);

/// <summary>What one optimizer step contributed to the epoch's sums (its correct predictions go to the epoch's <see cref="DeferredCorrectCount"/>).</summary>
public readonly record struct StepResult(double LossSum, double GradientNorm, int BatchRows, double? ClippedGradientNorm = null);

/// <summary>What every step of a run shares: the model, its optimizer, the loss and the step controls (penalties, clipping), and the parameters' flat layout when they have one.</summary>
public sealed record StepContext(nn.Module<Tensor, Tensor> Model, ITrainingOptimizer Optimizer, LossFunction Loss, Parameter[] Parameters, TrainingSettings Settings, FlatParameters? Flat = null);

/// <summary>
/// The arithmetic of one training step and of evaluation. Every step runs inside its own
/// dispose scope so native memory stays flat however long the job runs.
/// </summary>
public static class Trainer
{
    /// <summary>One optimizer step on rows [start, start + batchSize) of the epoch's order; <paramref name="correct"/> (null for regression) receives the outputs before the update.</summary>
    public static StepResult Step(
        StepContext context, EpochBatches batches, int start, int batchSize, DeferredCorrectCount? correct, DivergenceBounds bounds, TrainingProgress progress)
    {
        using var scope = NewDisposeScope();
        int rows = Math.Min(batchSize, batches.Rows - start);
        var (x, y) = batches.Take(start, rows);
        long step = progress.GlobalStep + 1;
        // The checks run inside the closure's first evaluation, before the optimizer changes anything.
        var closure = new BatchClosure(context.Model, context.Loss, x, y, context.Parameters, context.Settings, context.Flat)
        {
            CheckLoss = value => CheckLoss(value, bounds, progress, step),
            CheckGradientNorm = norm => CheckGradientNorm(norm, context.Settings.Clipping is not null, bounds, progress, step),
        };
        context.Optimizer.Step(closure);
        correct?.Add(closure.FirstOutput!, y);
        return new StepResult(closure.FirstLoss!.Value * rows, closure.FirstGradientNorm ?? 0, rows, closure.FirstClippedGradientNorm);
    }

    static void CheckLoss(double value, DivergenceBounds bounds, TrainingProgress progress, long step)
    {
        if (!double.IsFinite(value))
            throw new TrainingDivergedException(
                $"loss became {Describe(value)} at epoch {progress.Epoch}, step {step}; last gradient norm {progress.LastGradientNorm:G3}");
        double lossBound = bounds.LossRatio * Math.Max(progress.FirstLoss ?? value, 1.0);
        if (value > lossBound)
            throw new TrainingDivergedException(
                $"loss {value:G3} exceeded {bounds.LossRatio:G3}× the first step's loss ({progress.FirstLoss:G3}) at epoch {progress.Epoch}, step {step}; last gradient norm {progress.LastGradientNorm:G3}");
    }

    static void CheckGradientNorm(double gradientNorm, bool clipped, DivergenceBounds bounds, TrainingProgress progress, long step)
    {
        if (!double.IsFinite(gradientNorm) || gradientNorm > bounds.GradientNorm)
            throw new TrainingDivergedException(
                $"{(clipped ? "clipped gradient norm" : "gradient norm")} {gradientNorm:G3} exceeded the bound {bounds.GradientNorm:G3} at epoch {progress.Epoch}, step {step}");
    }

    public static (double? Loss, double? Correct) Evaluate(nn.Module<Tensor, Tensor> model, LossFunction loss, TensorPair data, ClassDecoding decoding)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.forward(data.X);
        double value = loss(output, data.Y).item<float>();
        double? correct = decoding == ClassDecoding.None ? null : ClassDecoder.Correct(output, data.Y, decoding).item<long>();
        return (value, correct);
    }

    static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
}
