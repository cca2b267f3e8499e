using TrainService.Contracts.Specs;

namespace TrainService.Jobs.Execution;

/// <summary>Hands a job id to the background workers of its device. Delivery is at-least-once; the job is reentrant.</summary>
public interface IJobQueue
{
    void Enqueue(Guid jobId, ComputeDevice device);
}
