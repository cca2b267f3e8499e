namespace TrainService.Models.Validation;

/// <summary>
/// Caps that reject specs this machine could not train. Defaults suit a 2-core, ~24 GB host:
/// 50 M parameters, 4 GiB estimated training memory. Bound from "TrainService:Limits".
/// </summary>
public sealed class ModelLimits
{
    public const string Section = "TrainService:Limits";

    /// <summary>Largest trainable parameter count accepted.</summary>
    public long MaxParameters { get; set; } = 50_000_000;

    /// <summary>Largest estimated training memory (weights, gradients, optimizer moments, activations) accepted.</summary>
    public long MaxMemoryBytes { get; set; } = 4L << 30;
}
