namespace TrainService.Jobs.Inference;

/// <summary>
/// Predict requests per job that have arrived and are not yet in a batch (or turned away): what
/// an open batch of that job may still wait for. A job's count is dropped when it returns to zero,
/// so requests for many jobs (or unknown ids) leave nothing behind.
/// </summary>
public sealed class PredictArrivals
{
    readonly Lock sync = new();
    readonly Dictionary<Guid, int> counts = [];

    public void Arrive(Guid job)
    {
        lock (sync) counts[job] = counts.GetValueOrDefault(job) + 1;
    }

    /// <summary>Returns the job's count after this departure.</summary>
    public int Depart(Guid job)
    {
        lock (sync)
        {
            int left = counts.GetValueOrDefault(job) - 1;
            if (left <= 0) counts.Remove(job);
            else counts[job] = left;
            return Math.Max(left, 0);
        }
    }

    public int Coming(Guid job)
    {
        lock (sync) return counts.GetValueOrDefault(job);
    }
}
