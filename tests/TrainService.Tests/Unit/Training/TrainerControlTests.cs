using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Tests.Unit.Training;

/// <summary>The trainer's use of the controls: determinism, the LR metric, gd's tolerance and early stopping.</summary>
public sealed class TrainerControlTests
{
    static List<Contracts.Responses.EpochMetrics> Fit(TrainingSpec spec)
    {
        var observer = new RecordingObserver();
        using var session = TrainingSession.Start(spec, DatasetSplits.Prepare(DatasetCatalog.Load(spec.Dataset), spec.Training));
        session.Run(observer, CancellationToken.None);
        return observer.Epochs;
    }

    [Fact]
    public void SameSpecAndSeed_GiveTheSameLossSequence_BitForBit()
    {
        var spec = XorSpecs.For(new AdamOptimizerSpec { Lr = 0.05, Variant = OptimizerVariant.Book }, new TrainingSettings
        {
            Epochs = 8, BatchSize = 10, Seed = 11, ValidationSplit = 0.2,
            Schedule = new CosineScheduleSpec { TMax = 6 }, WarmupEpochs = 2,
            Regularization = new RegularizationSpec { L2 = 1e-3 }, Clipping = new NormClippingSpec { MaxNorm = 0.5 },
        });
        var first = Fit(spec).Select(e => (e.TrainLoss, e.ValLoss)).ToList();
        var second = Fit(spec).Select(e => (e.TrainLoss, e.ValLoss)).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void LearningRateMetric_FollowsWarmupAndSchedule()
    {
        var spec = XorSpecs.For(new SgdwOptimizerSpec { Lr = 0.1 }, new TrainingSettings
        {
            Epochs = 5, BatchSize = 10, Seed = 1, WarmupEpochs = 2, Schedule = new StepScheduleSpec { StepSize = 2, Gamma = 0.5 },
        });
        Assert.Equal([0.05, 0.1, 0.1, 0.1, 0.05], Fit(spec).Select(e => Math.Round(e.LearningRate!.Value, 12)));
    }

    [Fact]
    public void Gd_StopsOnceTheGradientNormIsBelowTol()
    {
        var spec = XorSpecs.For(new GdOptimizerSpec { Lr = 0.1, Tol = 1e3 }, new TrainingSettings { Epochs = 20, Seed = 1 });
        Assert.Single(Fit(spec));
    }

    [Fact]
    public void EarlyStopping_EndsTrainingBeforeTheLastEpoch_WhenValidationStopsImproving()
    {
        // Once Adam has nearly solved XOR the validation loss improves by less than minDelta per epoch.
        var spec = XorSpecs.For(new AdamOptimizerSpec { Lr = 0.05 }, new TrainingSettings
        {
            Epochs = 200, BatchSize = 10, Seed = 3, ValidationSplit = 0.2, EarlyStopping = new EarlyStoppingSpec { Patience = 2, MinDelta = 0.01 },
        });
        var epochs = Fit(spec);
        Assert.True(epochs.Count < 200, $"ran {epochs.Count} epochs");
        double bestBefore = epochs.SkipLast(2).Min(e => e.ValLoss!.Value);
        Assert.All(epochs.TakeLast(2), e => Assert.True(e.ValLoss >= bestBefore - 0.01));
    }
}
