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

    [Description("Truncated BPTT for recurrent layers: detach the hidden state every k time steps (absent = full backpropagation through time).")]
    [Range(1, 100_000)]
    public int? TbpttWindow { get; init; }

    [Description("The job fails as diverged when the global gradient norm exceeds this.")]
    [Range(1.0, double.MaxValue)]
    public double DivergenceGradNorm { get; init; } = 1e6;

    [Description("The job fails as diverged when a batch's loss exceeds this multiple of the first step's loss (or of 1, if that was smaller).")]
    [Range(10.0, double.MaxValue)]
    public double DivergenceLossRatio { get; init; } = 1e4;

    [Description("Wall-clock limit in seconds; the job fails when it is exceeded (null = the server's limit).")]
    [Range(1, 7 * 24 * 3600)]
    public int? MaxRuntimeSeconds { get; init; }

    [Description("Fraction of the dataset held out for a final test evaluation after training (0 = none). Splits are stratified by class for classifiers.")]
    [Range(0.0, 0.9)]
    public double TestSplit { get; init; } = 0.0;

    [Description("Standardise each input feature to mean 0 and standard deviation 1, fitted on the training split only; predict applies the same transform to raw inputs.")]
    public bool Standardize { get; init; } = false;
}
