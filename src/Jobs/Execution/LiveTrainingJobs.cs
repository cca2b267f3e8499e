using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace TrainService.Jobs.Execution;

/// <summary>Which of our jobs Hangfire still means to run: enqueued, fetched, processing, or scheduled for a retry.</summary>
internal static class LiveTrainingJobs
{
    // One page holds every live job: submissions stop at TrainService:MaxQueuedJobs queued jobs, far below it.
    const int Page = 100_000;

    /// <summary>
    /// Read in the order a job moves through these lists (enqueued, fetched, processing; a failed attempt
    /// then waits scheduled), so a job that moves on while they are read is still seen in a later one.
    /// </summary>
    public static HashSet<Guid> Read(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var ids = new HashSet<Guid>();
        foreach (string queue in new[] { TrainingQueues.Gpu, TrainingQueues.Cpu })
            Add(ids, monitoring.EnqueuedJobs(queue, 0, Page).Select(j => j.Value?.Job));
        foreach (string queue in new[] { TrainingQueues.Gpu, TrainingQueues.Cpu })
            Add(ids, monitoring.FetchedJobs(queue, 0, Page).Select(j => j.Value?.Job));
        Add(ids, monitoring.ProcessingJobs(0, Page).Select(j => j.Value?.Job));
        Add(ids, monitoring.ScheduledJobs(0, Page).Select(j => j.Value?.Job));
        return ids;
    }

    static void Add(HashSet<Guid> ids, IEnumerable<Hangfire.Common.Job?> jobs)
    {
        foreach (var job in jobs)
            if (job?.Type == typeof(TrainingJob) && job.Args.Count > 0 && job.Args[0] is Guid id)
                ids.Add(id);
    }
}
