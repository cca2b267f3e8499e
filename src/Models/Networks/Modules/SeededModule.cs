using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>
/// A module that owns its own random generator. libtorch's dropout and rrelu draw from the
/// process-wide generator, so two jobs training at once would disturb each other's masks; a
/// generator per module, seeded from the job's seed, keeps every run reproducible.
/// </summary>
public abstract class SeededModule(string name, ulong seed) : nn.Module<Tensor, Tensor>(name)
{
    protected Generator Generator { get; } = new(seed);

    /// <summary>Uniform [0, 1) noise shaped like <paramref name="like"/>, drawn on the CPU generator and moved to its device.</summary>
    protected Tensor Uniform(Tensor like) => rand(like.shape, dtype: like.dtype, generator: Generator).to(like.device);

    /// <summary>Standard normal noise shaped like <paramref name="like"/>.</summary>
    protected Tensor Normal(Tensor like) => randn(like.shape, dtype: like.dtype, generator: Generator).to(like.device);

    /// <summary>The generator's position, so a checkpoint can resume the exact same masks.</summary>
    public byte[] CaptureState() => Training.GeneratorState.Capture(Generator);

    public void RestoreState(byte[] state) => Training.GeneratorState.Restore(Generator, state);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Generator.Dispose();
        base.Dispose(disposing);
    }
}
