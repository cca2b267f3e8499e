using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Base of the first-order optimizers written here: one closure call per step, then an in-place
/// update of each parameter under no_grad. Buffers are allocated up front (zeros) so saving and
/// restoring never depends on how many steps have run.
/// </summary>
public abstract class CustomOptimizer : ITrainingOptimizer
{
    protected readonly Parameter[] Parameters;
    readonly Tensor[][] buffers;

    protected CustomOptimizer(IEnumerable<Parameter> parameters, double learningRate, int buffersPerParameter)
    {
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
        buffers = Parameters.Select(p => Enumerable.Range(0, buffersPerParameter).Select(_ => zeros_like(p).DetachFromDisposeScope()).ToArray()).ToArray();
    }

    public double LearningRate { get; set; }
    public long StepCount { get; private set; }
    public virtual bool Converged => false;

    /// <summary>Updates one parameter in place; <paramref name="state"/> holds its buffers.</summary>
    protected abstract void Update(Tensor parameter, Tensor gradient, Tensor[] state, long t);

    public void Step(ILossClosure closure)
    {
        closure.LossAndGradient();
        StepCount++;
        using var noGrad = no_grad();
        BeforeUpdates();
        for (int i = 0; i < Parameters.Length; i++)
        {
            using var scope = NewDisposeScope();
            if (Parameters[i].grad is not { } gradient) continue;
            Update(Parameters[i], gradient, buffers[i], StepCount);
        }
    }

    protected virtual void BeforeUpdates() { }

    public void SaveState(Stream destination)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        StateIo.WriteHeader(writer, GetType().Name, StepCount, LearningRate);
        foreach (var tensor in buffers.SelectMany(b => b)) StateIo.WriteTensor(writer, tensor);
    }

    public void LoadState(Stream source)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        (StepCount, LearningRate) = StateIo.ReadHeader(reader, GetType().Name);
        foreach (var tensor in buffers.SelectMany(b => b)) StateIo.ReadInto(reader, tensor);
    }

    public void Dispose()
    {
        foreach (var tensor in buffers.SelectMany(b => b)) tensor.Dispose();
        GC.SuppressFinalize(this);
    }
}
