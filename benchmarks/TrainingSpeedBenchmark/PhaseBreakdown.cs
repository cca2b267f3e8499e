using System.Diagnostics;
using TrainService.Models.Data;
using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Benchmarks;

/// <summary>
/// The service's step taken apart: the same calls Trainer.Step and BatchClosure make, in the same
/// order, on the session's own model and optimizer, with a stopwatch read between phases.
/// </summary>
static class PhaseBreakdown
{
    static readonly string[] Phases = ["slice batch (+ epoch gather)", "zero grads", "forward", "loss", "loss → host + check", "backward", "grad norm → host + check", "optimizer step", "correct count (deferred)", "scope dispose", "progress + observer"];

    public static void Print(Workload workload, int rounds)
    {
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(workload.Spec.Dataset), workload.Spec.Training);
        using var session = TrainingSession.Start(workload.Spec, data);
        using var pair = TensorPair.From(data.Train, CPU);
        var loss = LossFactory.Create(workload.Spec.Loss);
        var parameters = session.Model.parameters().ToArray();
        var perRound = new List<double[]>();
        for (int round = 0; round < rounds + 2; round++)
        {
            var ticks = new long[Phases.Length];
            int steps = Epoch(session, pair, loss, parameters, workload.Batch, ticks);
            if (round >= 2) perRound.Add(ticks.Select(t => t * 1e6 / Stopwatch.Frequency / steps).ToArray());
        }
        Console.WriteLine($"{workload.Name}: µs per step by phase, median of {rounds} epochs (load {File.ReadAllText("/proc/loadavg").Trim()})");
        double total = 0;
        for (int i = 0; i < Phases.Length; i++)
        {
            double median = perRound.Select(r => r[i]).Order().ElementAt(perRound.Count / 2);
            total += median;
            Console.WriteLine($"  {Phases[i],-26} {median,8:F1}");
        }
        Console.WriteLine($"  {"sum",-26} {total,8:F1}");
    }

    static int Epoch(TrainingSession session, TensorPair data, LossFunction loss, TorchSharp.Modules.Parameter[] parameters, int batch, long[] ticks)
    {
        session.Model.train();
        long gatherStart = Stopwatch.GetTimestamp();
        using var order = randperm(data.Rows);
        using var shuffled = data.Gather(order); // as the session does, once per epoch
        ticks[0] += Stopwatch.GetTimestamp() - gatherStart;
        var progress = new TrainingProgress();
        var observer = System.Threading.Channels.Channel.CreateUnbounded<StepMetrics>();
        var update = new NoGradientClosure();
        var flat = session.FlatLayout;
        using var correctCount = new DeferredCorrectCount(ClassDecoding.ArgMax);
        int steps = 0;
        for (int start = 0; start < data.Rows; start += batch, steps++)
        {
            long t = Stopwatch.GetTimestamp();
            void Lap(int phase) { long now = Stopwatch.GetTimestamp(); ticks[phase] += now - t; t = now; }
            double lossValue, norm;
            using (var scope = NewDisposeScope())
            {
                int rows = Math.Min(batch, data.Rows - start);
                var x = shuffled.X.narrow(0, start, rows);
                var y = shuffled.Y.narrow(0, start, rows);
                Lap(0);
                if (flat is not null) flat.ZeroGradients();
                else foreach (var p in parameters) p.grad?.zero_();
                Lap(1);
                var output = session.Model.forward(x);
                Lap(2);
                var dataLoss = loss(output, y);
                var first = output.detach();
                var total = Penalties.Add(dataLoss, parameters, session.Spec.Training.Regularization);
                Lap(3);
                lossValue = dataLoss.ToDouble();
                if (!double.IsFinite(lossValue)) throw new InvalidOperationException("diverged");
                Lap(4);
                total.backward();
                Lap(5);
                norm = flat is not null ? GradientNorms.Global(flat) : GradientNorms.Global(parameters);
                GradientClipping.Apply(null, parameters, norm);
                if (!double.IsFinite(norm)) throw new InvalidOperationException("diverged");
                Lap(6);
                session.Optimizer.Step(update);
                Lap(7);
                correctCount.Add(first, y);
                Lap(8);
            }
            Lap(9);
            int batchRows = Math.Min(batch, data.Rows - start);
            progress = progress with { StepInEpoch = progress.StepInEpoch + 1, GlobalStep = progress.GlobalStep + 1, EpochLossSum = progress.EpochLossSum + lossValue * batchRows, LastGradientNorm = norm, FirstLoss = progress.FirstLoss ?? lossValue };
            observer.Writer.TryWrite(new StepMetrics(progress.GlobalStep, progress.Epoch, lossValue, norm, session.CurrentLearningRate, null));
            Lap(10);
        }
        long countStart = Stopwatch.GetTimestamp();
        correctCount.Take();
        ticks[8] += Stopwatch.GetTimestamp() - countStart;
        return steps;
    }

    /// <summary>The gradients are already in place: the optimizer's step is timed alone.</summary>
    sealed class NoGradientClosure : ILossClosure
    {
        public Tensor Loss() => tensor(0f);
        public Tensor LossAndGradient() => tensor(0f);
    }
}
