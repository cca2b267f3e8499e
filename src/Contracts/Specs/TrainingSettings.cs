using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TrainService.Contracts.Specs;

/// <summary>How long and in what order the network sees the data, and the controls on each step: schedule, penalties, clipping, early stopping.</summary>
public sealed record TrainingSettings
{
    [Description("Passes over the training split.")]
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 10;

    [Description("Examples per optimizer step.")]
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = 32;

    [Description("Seeds weight initialisation and the shuffling order; same seed, same run.")]
    public long Seed { get; init; } = 0;

    [Description("Fraction of the dataset held out for validation (0 = none).")]
    [Range(0.0, 0.9)]
    public double ValidationSplit { get; init; } = 0.0;

    [Description("Learning-rate schedule, stepped once per epoch (after any warm-up).")]
    public LrScheduleSpec Schedule { get; init; } = new ConstantScheduleSpec();

    [Description("Epochs of linear warm-up: epoch e ≤ warmupEpochs trains at η·e/warmupEpochs, then the schedule starts (0 = none).")]
    [Range(0, 100_000)]
    public int WarmupEpochs { get; init; } = 0;

    [Description("L1/L2 penalties added to the loss.")]
    public RegularizationSpec Regularization { get; init; } = new();

    [Description("Gradient clipping by global norm or by value; absent = none.")]
    public ClippingSpec? Clipping { get; init; }

    [Description("Early stopping on a validation metric; absent = train all epochs.")]
    public EarlyStoppingSpec? EarlyStopping { get; init; }
}
