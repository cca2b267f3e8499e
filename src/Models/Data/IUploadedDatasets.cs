namespace TrainService.Models.Data;

/// <summary>
/// Datasets users uploaded, as the catalog needs them. Implemented by the Jobs project (metadata
/// row + artifact blob), so Models never learns where they are stored.
/// </summary>
public interface IUploadedDatasets
{
    /// <summary>The dataset's shape, or null when no dataset has that id.</summary>
    DatasetShape? Describe(Guid id);

    /// <summary>The stored rows; throws <see cref="DatasetNotFoundException"/> when the dataset is gone.</summary>
    InMemoryDataset Load(Guid id);
}

/// <summary>A spec names an uploaded dataset that does not exist (any more).</summary>
public sealed class DatasetNotFoundException(Guid id) : Exception($"uploaded dataset {id} does not exist (it may have been deleted)")
{
    public Guid DatasetId { get; } = id;
}
