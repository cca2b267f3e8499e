using TrainService.Contracts.Specs;

namespace TrainService.Jobs.Execution;

/// <summary>The Hangfire queues: a job goes to its spec's device's queue; a worker takes the queues its device can serve.</summary>
public static class TrainingQueues
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    public static string For(ComputeDevice device) => device == ComputeDevice.Cuda ? Gpu : Cpu;

    /// <summary>A CUDA worker takes GPU jobs first and CPU jobs when none wait; a CPU worker never takes a GPU job.</summary>
    public static string[] ServedBy(ComputeDevice device) => device == ComputeDevice.Cuda ? [Gpu, Cpu] : [Cpu];
}
