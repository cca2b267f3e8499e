namespace TrainService.Jobs.Persistence;

/// <summary>A checkpoint blob in the artifact store; the row is written only after the blob is in place.</summary>
internal sealed class CheckpointRow
{
    public Guid JobId { get; set; }
    /// <summary>final, best, interrupted, or epoch-000010 for periodic ones.</summary>
    public required string Name { get; set; }
    /// <summary>Epochs completed when it was written.</summary>
    public int Epoch { get; set; }
    /// <summary>Optimizer steps taken when it was written; the newest checkpoint is the one with the most.</summary>
    public long GlobalStep { get; set; }
    /// <summary>The value of the best-checkpoint metric, for <c>best</c>.</summary>
    public double? MetricValue { get; set; }
    public required string ArtifactKey { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
