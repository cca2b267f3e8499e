using System.ComponentModel;

namespace TrainService.Contracts.Specs;

/// <summary>A dataset uploaded earlier through <c>POST /api/datasets</c>, referred to by its id.</summary>
public sealed record UploadedDatasetSpec : DatasetSpec
{
    [Description("The id returned when the dataset was uploaded.")]
    public required Guid DatasetId { get; init; }
}
