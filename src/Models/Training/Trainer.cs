using System.Diagnostics;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// Runs the training loop of one spec on one thread. Every step runs inside its own dispose
/// scope so native memory stays flat however long the job runs.
/// </summary>
public static class Trainer
{
    /// <summary>Trains a freshly built network and returns it; the caller owns (and disposes) the module.</summary>
    public static nn.Module<Tensor, Tensor> Fit(TrainingSpec spec, InMemoryDataset data, ITrainingObserver observer, CancellationToken ct)
    {
        var settings = spec.Training;
        var device = TorchDevices.Resolve(spec.Device);
        var (train, validation) = data.Split(settings.ValidationSplit, settings.Seed);
        var decoding = ClassDecoder.For(data.Shape);
        var model = NetworkFactory.Build(spec.Model, settings.Seed);
        try
        {
            model.to(device);
            var parameters = model.parameters().ToArray();
            using var optimizer = OptimizerFactory.Create(spec.Optimizer, parameters);
            var schedule = new LrSchedule(settings.Schedule, settings.WarmupEpochs, spec.Optimizer.InitialLr());
            using var stopping = settings.EarlyStopping is { } early ? new EarlyStopping(early) : null;
            int batchSize = OptimizerFactory.BatchSize(spec.Optimizer, settings.BatchSize, train.Rows);
            var loss = LossFactory.Create(spec.Loss);
            using var trainSet = TensorPair.From(train, device);
            using var validationSet = validation is null ? null : TensorPair.From(validation, device);
            using var shuffle = new Generator((ulong)settings.Seed);

            for (int epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                optimizer.LearningRate = schedule.LearningRateFor(epoch);
                var step = new StepContext(model, optimizer, loss, parameters, settings);
                var (trainLoss, trainCorrect) = RunEpoch(step, trainSet, batchSize, shuffle, decoding, epoch, ct);
                var (valLoss, valCorrect) = validationSet is null ? (null as double?, null as double?) : Evaluate(model, loss, validationSet, decoding);
                var metrics = new EpochMetrics(
                    epoch, trainLoss, valLoss,
                    decoding == ClassDecoding.None ? null : trainCorrect / train.Rows,
                    decoding == ClassDecoding.None || validation is null ? null : valCorrect / validation.Rows,
                    clock.Elapsed.TotalSeconds,
                    optimizer.LearningRate);
                observer.OnEpochEnd(metrics, model);
                schedule.EndEpoch(epoch, valLoss ?? trainLoss);
                if (stopping?.ShouldStop(metrics, model) == true || optimizer.Converged) break;
            }
            stopping?.RestoreBest(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    static (double Loss, double Correct) RunEpoch(
        StepContext step, TensorPair data, int batchSize, Generator shuffle, ClassDecoding decoding, int epoch, CancellationToken ct)
    {
        step.Model.train();
        double lossSum = 0, correct = 0;
        using var order = randperm(data.Rows, generator: shuffle, device: data.X.device);
        int index = 0;
        for (int start = 0; start < data.Rows; start += batchSize, index++)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = order.narrow(0, start, Math.Min(batchSize, data.Rows - start));
            var y = data.Y.index_select(0, rows);
            var closure = step.Run(data.X.index_select(0, rows), y);
            double value = closure.FirstLoss!.Value;
            if (!double.IsFinite(value))
                throw new TrainingDivergedException($"loss became {Describe(value)} at epoch {epoch}, step {index + 1}");
            lossSum += value * rows.shape[0];
            if (decoding != ClassDecoding.None)
                correct += ClassDecoder.Correct(closure.FirstOutput!, y, decoding).item<long>();
        }
        return (lossSum / data.Rows, correct);
    }

    static (double? Loss, double? Correct) Evaluate(nn.Module<Tensor, Tensor> model, LossFunction loss, TensorPair data, ClassDecoding decoding)
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
