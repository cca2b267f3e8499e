using Hangfire;
using TrainService.Contracts.Specs;

namespace TrainService.Jobs.Execution;

/// <summary>Enqueues <see cref="TrainingJob"/> on the Hangfire queue of the job's device (<see cref="TrainingQueues"/>).</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
{
    public void Enqueue(Guid jobId, ComputeDevice device) =>
        client.Enqueue<TrainingJob>(TrainingQueues.For(device), job => job.RunAsync(jobId, CancellationToken.None));
}
