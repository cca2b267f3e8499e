using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Specs;

/// <summary>A complete, declarative description of one training job.</summary>
public sealed record TrainingSpec
{
    [Description("A label for people; need not be unique.")]
    [StringLength(200, MinimumLength = 1)]
    public required string Name { get; init; }

    [Description("Where the examples come from.")]
    public required DatasetSpec Dataset { get; init; }

    [Description("The network: input shape and the ordered list of layers.")]
    public required ModelSpec Model { get; init; }

    [Description("The objective minimised during training.")]
    public required LossSpec Loss { get; init; }

    [Description("The gradient-based optimizer and its hyperparameters.")]
    public required OptimizerSpec Optimizer { get; init; }

    [Description("Epochs, batch size, seed and validation split.")]
    public TrainingSettings Training { get; init; } = new();

    [Description("When checkpoints are written and which are kept.")]
    public CheckpointPolicy Checkpoints { get; init; } = new();

    [Description("Initialise from another job's checkpoint (same architecture) instead of random weights.")]
    public WarmStartSpec? WarmStart { get; init; }

    [Description("Where tensors live. `cuda` is accepted only when the server has a CUDA device.")]
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
}

/// <summary>The compute device a job runs on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeDevice>))]
public enum ComputeDevice
{
    [JsonStringEnumMemberName("cpu")] Cpu,
    [JsonStringEnumMemberName("cuda")] Cuda,
}
