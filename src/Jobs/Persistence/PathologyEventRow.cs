namespace TrainService.Jobs.Persistence;

/// <summary>One pathology event. Keyed by (job, kind, layer, step): a retried run rewrites, never duplicates.</summary>
internal sealed class PathologyEventRow
{
    public Guid JobId { get; set; }
    public required string Kind { get; set; }
    /// <summary>Empty when the event concerns the whole network (keys cannot hold null).</summary>
    public required string Layer { get; set; }
    public long Step { get; set; }
    public int Epoch { get; set; }
    public required string ValuesJson { get; set; }
    public required string Message { get; set; }
    /// <summary>Code of the submission warning that predicted the event; null when none did.</summary>
    public string? Warning { get; set; }
}
