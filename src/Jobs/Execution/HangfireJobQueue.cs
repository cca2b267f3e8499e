using Hangfire;

namespace TrainService.Jobs.Execution;

/// <summary>Enqueues <see cref="TrainingJob"/> on Hangfire's "training" queue.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
{
    public void Enqueue(Guid jobId) => client.Enqueue<TrainingJob>(job => job.RunAsync(jobId, CancellationToken.None));
}
