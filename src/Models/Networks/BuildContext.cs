using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>What every layer builder needs besides its spec: the model's default initialiser, the BPTT window and seeds for per-module generators.</summary>
public sealed class BuildContext(long seed, InitSpec? defaultInit, int? tbpttWindow, InitSpec? defaultBiasInit = null)
{
    int generators;

    public InitSpec? DefaultInit { get; } = defaultInit;
    public InitSpec? DefaultBiasInit { get; } = defaultBiasInit;
    public int? TbpttWindow { get; } = tbpttWindow;

    /// <summary>A distinct, reproducible seed for the next module that draws random numbers (dropout, rrelu, …).</summary>
    public ulong NextSeed() => unchecked((ulong)seed * 6364136223846793005UL + (ulong)(++generators) * 1442695040888963407UL);
}
