using System.Text.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs;

/// <summary>Builds list items from job rows, reading only the few spec fields a list shows.</summary>
static class JobSummaries
{
    public static JobSummary From(JobRow row, int epochsCompleted, EpochMetrics? finalMetrics)
    {
        // The stored spec is written by us with defaults filled in, so these fields are always there.
        using var spec = JsonDocument.Parse(row.SpecJson);
        var root = spec.RootElement;
        string datasetKind = root.GetProperty("dataset").GetProperty("kind").GetString()!;
        var layerKinds = root.GetProperty("model").GetProperty("layers").EnumerateArray()
            .Select(layer => layer.GetProperty("kind").GetString()!).Distinct();
        int epochs = root.GetProperty("training").GetProperty("epochs").GetInt32();
        return new JobSummary(row.Id, row.Name, row.Status, row.CreatedAt, row.StartedAt, row.FinishedAt,
            datasetKind, string.Join('+', layerKinds), epochsCompleted, epochs, row.FailureReason, finalMetrics);
    }
}
