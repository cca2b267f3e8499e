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
        var decoding = ClassDecoder.For(data.Shape, spec.Loss);
        var model = NetworkFactory.Build(spec.Model, settings.Seed, settings.TbpttWindow);
        try
        {
            model.to(device);
            using var optimizer = OptimizerFactory.Create(spec.Optimizer, model.parameters());
            var loss = LossFactory.Create(spec.Loss);
            using var trainSet = TensorPair.From(train, device);
            using var validationSet = validation is null ? null : TensorPair.From(validation, device);
            using var shuffle = new Generator((ulong)settings.Seed);

            for (int epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var (trainLoss, trainCorrect) = RunEpoch(model, optimizer, loss, trainSet, settings.BatchSize, shuffle, decoding, epoch, ct);
                var (valLoss, valCorrect) = validationSet is null ? (null as double?, null as double?) : Evaluate(model, loss, validationSet, decoding);
                var metrics = new EpochMetrics(
                    epoch, trainLoss, valLoss,
                    decoding == ClassDecoding.None ? null : trainCorrect / train.Rows,
                    decoding == ClassDecoding.None || validation is null ? null : valCorrect / validation.Rows,
                    clock.Elapsed.TotalSeconds);
                observer.OnEpochEnd(metrics, model);
            }
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    static (double Loss, double Correct) RunEpoch(
        nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, LossFunction loss, TensorPair data,
        int batchSize, Generator shuffle, ClassDecoding decoding, int epoch, CancellationToken ct)
    {
        model.train();
        double lossSum = 0, correct = 0;
        using var order = randperm(data.Rows, generator: shuffle, device: data.X.device);
        int step = 0;
        for (int start = 0; start < data.Rows; start += batchSize, step++)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var index = order.narrow(0, start, Math.Min(batchSize, data.Rows - start));
            var x = data.X.index_select(0, index);
            var y = data.Y.index_select(0, index);
            optimizer.zero_grad();
            var output = model.forward(x);
            var batchLoss = loss(output, y);
            double value = batchLoss.item<float>();
            if (!double.IsFinite(value))
                throw new TrainingDivergedException($"loss became {Describe(value)} at epoch {epoch}, step {step + 1}");
            batchLoss.backward();
            optimizer.step();
            lossSum += value * index.shape[0];
            if (decoding != ClassDecoding.None)
                correct += ClassDecoder.Correct(output.detach(), y, decoding).item<long>();
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
