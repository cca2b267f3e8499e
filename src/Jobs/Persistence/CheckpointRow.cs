namespace TrainService.Jobs.Persistence;

/// <summary>A checkpoint blob in the artifact store; the row is written only after the blob is in place.</summary>
public sealed class CheckpointRow
{
    public Guid JobId { get; set; }
    public required string Name { get; set; }
    public int Epoch { get; set; }
    public required string ArtifactKey { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
