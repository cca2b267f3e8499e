namespace TrainService.Jobs.Persistence;

/// <summary>
/// One value of one named series at one point of its axis. Keyed by (job, axis, name, step): a re-run
/// overwrites, never duplicates; a job's rows on one axis are one range of the key, each series in step order.
/// </summary>
internal sealed class MetricRow
{
    public Guid JobId { get; set; }
    public MetricAxis Axis { get; set; }
    public required string Name { get; set; }
    public int Step { get; set; }
    public double Value { get; set; }
}
