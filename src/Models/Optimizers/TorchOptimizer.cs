using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Adapts a TorchSharp built-in written in managed code (<see cref="OptimizerHelper"/>: SGD,
/// Adam, …) to <see cref="ITrainingOptimizer"/>; its state dictionary already holds every buffer
/// and the step count, so saving delegates to it.
/// </summary>
public sealed class TorchOptimizer(OptimizerHelper inner) : ITrainingOptimizer
{
    long steps;
    // The state header names the TorchSharp class, so a leaner subclass (LeanAdam) reads and writes Adam's checkpoints.
    readonly string stateName = TorchSharpClassName(inner.GetType());

    static string TorchSharpClassName(Type type) => type.Namespace == "TorchSharp.Modules" || type.BaseType is null ? type.Name : TorchSharpClassName(type.BaseType);

    public double LearningRate
    {
        get => inner.ParamGroups.First().LearningRate;
        set { foreach (var group in inner.ParamGroups) group.LearningRate = value; }
    }

    public long StepCount => steps;
    public bool Converged => false;

    public void Step(ILossClosure closure)
    {
        closure.LossAndGradient();
        inner.step();
        steps++;
    }

    public void SaveState(Stream destination)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        StateIo.WriteHeader(writer, stateName, steps, LearningRate);
        inner.save_state_dict(writer);
    }

    public void LoadState(Stream source)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        (steps, double lr) = StateIo.ReadHeader(reader, stateName);
        inner.load_state_dict(reader);
        (inner as LeanAdam)?.AttachFlatState();
        LearningRate = lr;
    }

    public void Dispose() => inner.Dispose();
}
