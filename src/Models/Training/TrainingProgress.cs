namespace TrainService.Models.Training;

/// <summary>
/// Where a run stands, at a batch boundary: the epoch being run (1-based), the next step within
/// it, the steps taken so far, and the running sums of the epoch. With the weights, the optimizer
/// state and <see cref="EpochStartGeneratorState"/> it determines the rest of the run exactly.
/// </summary>
public sealed record TrainingProgress
{
    public int Epoch { get; init; } = 1;
    public int StepInEpoch { get; init; }
    public long GlobalStep { get; init; }
    public double EpochLossSum { get; init; }
    public double EpochCorrect { get; init; }
    /// <summary>The shuffle generator's state before this epoch's permutation was drawn.</summary>
    public byte[] EpochStartGeneratorState { get; init; } = [];
    public double? BestMetricValue { get; init; }
    public double LastGradientNorm { get; init; }
    /// <summary>The first step's loss: divergence is judged against it.</summary>
    public double? FirstLoss { get; init; }
    /// <summary>Generator states of the network's dropout/rrelu/noisy_relu/stochastic-depth modules.</summary>
    public IReadOnlyList<byte[]> ModuleGeneratorStates { get; init; } = [];

    /// <summary>Reduce-on-plateau's counters at the end of the last completed epoch.</summary>
    public PlateauSnapshot? Plateau { get; init; }
    /// <summary>Early stopping's counters at the end of the last completed epoch (its best weights follow the optimizer state in the checkpoint).</summary>
    public EarlyStoppingSnapshot? EarlyStopping { get; init; }
    /// <summary>True once early stopping or the optimizer's own tolerance (gd) ended the run before its last epoch.</summary>
    public bool StoppedEarly { get; init; }

    public int EpochsCompleted => Epoch - 1;
}
