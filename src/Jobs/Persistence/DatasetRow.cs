using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Persistence;

/// <summary>An uploaded dataset's metadata; its rows are a blob in the artifact store, written before this row.</summary>
internal sealed class DatasetRow : IOwnedRow
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DatasetTask Task { get; set; }
    /// <summary>JSON array of the input column names, in blob order.</summary>
    public required string FeatureColumnsJson { get; set; }
    /// <summary>JSON array of the target column names, stored after the features in the blob.</summary>
    public required string TargetColumnsJson { get; set; }
    public int Rows { get; set; }
    public int Classes { get; set; }
    /// <summary>JSON object label → count, for classification; null for regression.</summary>
    public string? ClassBalanceJson { get; set; }
    public required string ArtifactKey { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Owner { get; set; } = "";
}
