using System.Text.Json;
using System.Text.Json.Serialization;
using TrainService.Models.Data;

namespace TrainService.Models.Checkpoints;

/// <summary>
/// What predict needs from the training data besides the weights: how outputs become classes
/// and the input standardizer. Saved per job, so a model keeps working after its uploaded
/// dataset is deleted.
/// </summary>
public sealed record PreprocessingArtifact(
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))] TaskKind Task,
    int Classes,
    Standardizer? Standardizer)
{
    public static PreprocessingArtifact From(DatasetSplits splits) =>
        new(splits.Train.Shape.Task, splits.Train.Shape.Classes, splits.Standardizer);

    /// <summary>The task as a shape for <see cref="ClassDecoder"/>; only Task and Classes are meaningful.</summary>
    public DatasetShape Shape => new([], 1, Task, Classes, 0);

    public void Save(Stream destination) => JsonSerializer.Serialize(destination, this);

    public static PreprocessingArtifact Load(Stream source) =>
        JsonSerializer.Deserialize<PreprocessingArtifact>(source) ?? throw new InvalidDataException("The saved preprocessing is empty.");
}
