using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Models.Validation;

/// <summary>Describes the spec's dataset, or reports an uploaded dataset id that names nothing.</summary>
public static class DatasetAvailability
{
    public static DatasetShape? Describe(DatasetSpec dataset, IUploadedDatasets? uploads, ValidationErrors errors)
    {
        if (dataset is not UploadedDatasetSpec uploaded) return DatasetCatalog.Describe(dataset);
        var shape = uploads?.Describe(uploaded.DatasetId);
        if (shape is null) errors.Add("$.dataset.datasetId", $"no uploaded dataset has id {uploaded.DatasetId}");
        return shape;
    }
}
