namespace TrainService.Jobs.Persistence;

/// <summary>One value of one named series at one step. Keyed by (job, name, step): a re-run overwrites, never duplicates.</summary>
internal sealed class MetricRow
{
    public Guid JobId { get; set; }
    public required string Name { get; set; }
    public int Step { get; set; }
    public double Value { get; set; }
}
