using System.Diagnostics;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Checkpoints;
using TrainService.Models.Data;
using TrainService.Models.Networks;
using TrainService.Models.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// One training run of one spec, resumable at any batch boundary. It owns the network, the
/// optimizer, the data tensors and the shuffle generator; <see cref="Progress"/> plus those is the
/// whole state a checkpoint needs for a resumed run to retrace the uninterrupted one bit for bit.
/// All tensor work happens synchronously on the calling thread.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    readonly TensorPair trainSet;
    readonly InMemoryDataset? testSplit;
    readonly Device device;
    readonly TensorPair? validationSet;
    readonly Generator shuffle;
    readonly LossFunction loss;
    readonly ClassDecoding decoding;
    readonly StepContext context;
    readonly LrSchedule schedule;
    readonly EarlyStopping? stopping;
    readonly int batchSize;
    readonly FlatParameters? flat;

    TrainingSession(TrainingSpec spec, DatasetSplits splits)
    {
        Spec = spec;
        device = TorchDevices.Resolve(spec.Device);
        var (train, validation) = (splits.Train, splits.Validation);
        testSplit = splits.Test;
        decoding = ClassDecoder.For(train.Shape, spec.Loss);
        Model = NetworkFactory.Build(spec.Model, spec.Training.Seed, spec.Training.TbpttWindow);
        Model.to(device);
        var parameters = Model.parameters().ToArray();
        flat = OptimizerFactory.UsesFlatParameters(spec.Optimizer) ? FlatParameters.TryCreate(parameters) : null;
        Optimizer = OptimizerFactory.Create(spec.Optimizer, parameters, flat);
        loss = LossFactory.Create(spec.Loss);
        context = new StepContext(Model, Optimizer, loss, parameters, spec.Training, flat);
        // The factory read the spec's lr into the optimizer; from here on the schedule alone sets it, at each epoch's start.
        schedule = new LrSchedule(spec.Training.Schedule, spec.Training.WarmupEpochs, Optimizer.LearningRate);
        stopping = spec.Training.EarlyStopping is { } early ? new EarlyStopping(early) : null;
        batchSize = OptimizerFactory.BatchSize(spec.Optimizer, spec.Training.BatchSize, train.Rows);
        trainSet = TensorPair.From(train, device);
        validationSet = validation is null ? null : TensorPair.From(validation, device);
        shuffle = new Generator((ulong)spec.Training.Seed);
    }

    public TrainingSpec Spec { get; }
    public nn.Module<Tensor, Tensor> Model { get; }
    public ITrainingOptimizer Optimizer { get; }
    /// <summary>The parameters' flat layout, when the optimizer updates them that way (null otherwise).</summary>
    public FlatParameters? FlatLayout => flat;
    public TrainingProgress Progress { get; private set; } = new();
    public bool HasValidation => validationSet is not null;
    public int TrainRows => trainSet.Rows;
    public bool IsFinished => Progress.StoppedEarly || Progress.Epoch > Spec.Training.Epochs;

    public static TrainingSession Start(TrainingSpec spec, DatasetSplits splits) => new(spec, splits);

    /// <summary>Continues from a checkpoint written by <see cref="SaveCheckpoint"/>.</summary>
    public static TrainingSession Resume(TrainingSpec spec, DatasetSplits splits, Stream checkpoint)
    {
        var session = new TrainingSession(spec, splits);
        try
        {
            session.Progress = CheckpointFile.Read(checkpoint, session.Model, session.Optimizer, session.stopping);
            GeneratorState.Restore(session.shuffle, session.Progress.EpochStartGeneratorState);
            session.schedule.Restore(session.Progress.Plateau);
            Networks.Modules.SeededModules.Restore(session.Model, session.Progress.ModuleGeneratorStates);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the fresh initial weights with another run's (warm start); optimizer and progress start anew.</summary>
    public void LoadInitialWeights(Stream checkpoint) => CheckpointFile.ReadWeights(checkpoint, Model);

    public void SaveCheckpoint(Stream destination)
    {
        // Progress always holds the generator state the current (or next) epoch draws its permutation from:
        // captured at each epoch's start and again at its end. Capturing here instead would be wrong for a
        // cancel seen at an epoch's first batch, after that epoch's permutation was drawn.
        var progress = Progress with { ModuleGeneratorStates = Networks.Modules.SeededModules.Capture(Model) };
        CheckpointFile.Write(destination, Spec, progress, Model, Optimizer, stopping);
    }

    /// <summary>The learning rate of the first parameter group, as the optimizer will use it next.</summary>
    public double CurrentLearningRate => Optimizer.LearningRate;

    public void RecordBest(double value) => Progress = Progress with { BestMetricValue = value };

    /// <summary>Trains until the last epoch, or throws <see cref="OperationCanceledException"/> at a batch boundary with the state consistent.</summary>
    public void Run(ITrainingObserver observer, CancellationToken ct)
    {
        while (!IsFinished)
        {
            var clock = Stopwatch.StartNew();
            Progress = Progress with { EpochStartGeneratorState = GeneratorState.Capture(shuffle) };
            Optimizer.LearningRate = schedule.LearningRateFor(Progress.Epoch);
            RunEpoch(observer, ct);
            var (valLoss, valCorrect) = validationSet is null ? (null, null) : Trainer.Evaluate(Model, loss, validationSet, decoding);
            var metrics = new EpochMetrics(
                Progress.Epoch,
                Progress.EpochLossSum / trainSet.Rows,
                valLoss,
                decoding == ClassDecoding.None ? null : Progress.EpochCorrect / trainSet.Rows,
                decoding == ClassDecoding.None || validationSet is null ? null : valCorrect / validationSet.Rows,
                clock.Elapsed.TotalSeconds,
                Optimizer.LearningRate);
            schedule.EndEpoch(metrics.Epoch, valLoss ?? metrics.TrainLoss);
            bool stop = stopping?.ShouldStop(metrics, Model) == true || Optimizer.Converged;
            if (stop || metrics.Epoch == Spec.Training.Epochs) stopping?.RestoreBest(Model);
            Progress = Progress with { EpochStartGeneratorState = GeneratorState.Capture(shuffle), Epoch = Progress.Epoch + 1, StepInEpoch = 0, EpochLossSum = 0, EpochCorrect = 0, Plateau = schedule.Capture(), EarlyStopping = stopping?.Capture(), StoppedEarly = stop };
            observer.OnEpochEnd(metrics, this);
        }
    }

    /// <summary>Measures the model on the held-out test split, which training never saw; null without one.</summary>
    public TestMetrics? MeasureTest() => testSplit is null ? null : TestEvaluation.Measure(Model, loss, testSplit, decoding, device);

    void RunEpoch(ITrainingObserver observer, CancellationToken ct)
    {
        Model.train();
        // Everything else that touches the parameters (loading, early stopping's restore) copies in place; a bug that re-assigned one would make the flat update silently miss it.
        if (flat is not null && !flat.IsIntact()) throw new InvalidOperationException("A parameter no longer lives in the flat buffer.");
        using var order = randperm(trainSet.Rows, generator: shuffle, device: trainSet.X.device);
        using var batches = new EpochBatches(trainSet, order);
        using var correct = decoding == ClassDecoding.None ? null : new DeferredCorrectCount(decoding);
        var bounds = new DivergenceBounds(Spec.Training.DivergenceGradNorm, Spec.Training.DivergenceLossRatio);
        try
        {
            for (int start = Progress.StepInEpoch * batchSize; start < trainSet.Rows; start += batchSize)
            {
                ct.ThrowIfCancellationRequested();
                var step = Trainer.Step(context, batches, start, batchSize, correct, bounds, Progress);
                Progress = Progress with
                {
                    StepInEpoch = Progress.StepInEpoch + 1,
                    GlobalStep = Progress.GlobalStep + 1,
                    EpochLossSum = Progress.EpochLossSum + step.LossSum,
                    LastGradientNorm = step.GradientNorm,
                    FirstLoss = Progress.FirstLoss ?? step.LossSum / step.BatchRows,
                };
                observer.OnStep(new StepMetrics(Progress.GlobalStep, Progress.Epoch, step.LossSum / step.BatchRows, step.GradientNorm, CurrentLearningRate, step.ClippedGradientNorm));
            }
        }
        finally
        {
            // Progress is what a checkpoint saves, at a cancel as at the epoch's end: the steps taken so far are counted in it.
            if (correct is not null) Progress = Progress with { EpochCorrect = Progress.EpochCorrect + correct.Take() };
        }
    }

    public void Dispose()
    {
        trainSet.Dispose();
        validationSet?.Dispose();
        shuffle.Dispose();
        Optimizer.Dispose();
        stopping?.Dispose();
        Model.Dispose();
        flat?.Dispose();
    }
}
