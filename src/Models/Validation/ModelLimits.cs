namespace TrainService.Models.Validation;

/// <summary>
/// Caps that reject specs this machine could not train. Defaults suit a 2-core, ~24 GB host:
/// 50 M parameters, 4 GiB estimated training memory. Bound from "TrainService:Limits".
/// </summary>
public sealed record ModelLimits
{
    public long MaxParameters { get; init; } = 50_000_000;
    public long MaxMemoryBytes { get; init; } = 4L << 30;
}
