using System.Text.Json.Serialization;

namespace TrainService.Contracts.Responses;

/// <summary>What the targets of an uploaded dataset mean.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetTask>))]
public enum DatasetTask
{
    /// <summary>Real-valued targets, one or more columns.</summary>
    [JsonStringEnumMemberName("regression")] Regression,
    /// <summary>One target column holding 0 or 1.</summary>
    [JsonStringEnumMemberName("binary")] Binary,
    /// <summary>One target column holding class indices 0, 1, …, C−1.</summary>
    [JsonStringEnumMemberName("multiclass")] Multiclass,
}

/// <summary>An uploaded dataset as the API shows it.</summary>
/// <param name="Id">Use it in a spec as <c>{"kind": "uploaded", "datasetId": …}</c>.</param>
/// <param name="Name">A label for people (the form's name, else the file name).</param>
/// <param name="Task">regression, binary or multiclass.</param>
/// <param name="FeatureColumns">Input columns, in the order a predict row must follow.</param>
/// <param name="TargetColumns">Target columns.</param>
/// <param name="Rows">Examples stored.</param>
/// <param name="Classes">Number of classes C for classification, else 0.</param>
/// <param name="ClassBalance">Examples per class label (as text: "0", "1", …), for classification only.</param>
/// <param name="SizeBytes">Size of the stored blob.</param>
/// <param name="CreatedAt">When the upload was accepted.</param>
public sealed record DatasetResponse(
    Guid Id,
    string Name,
    DatasetTask Task,
    IReadOnlyList<string> FeatureColumns,
    IReadOnlyList<string> TargetColumns,
    int Rows,
    int Classes,
    IReadOnlyDictionary<string, int>? ClassBalance,
    long SizeBytes,
    DateTimeOffset CreatedAt);
