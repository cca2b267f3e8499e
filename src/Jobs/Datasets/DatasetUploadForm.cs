namespace TrainService.Jobs.Datasets;

/// <summary>The fields of a POST /api/datasets form, as text, before any checking.</summary>
/// <param name="Name">Optional label; defaults to the file name.</param>
/// <param name="Task">regression, binary or multiclass.</param>
/// <param name="Target">Target column name(s), comma-separated.</param>
/// <param name="Features">Optional feature column names, comma-separated; default: every other column.</param>
/// <param name="FileName">The file part's name as the client sent it (a label only, never a path).</param>
/// <param name="FileContentType">The file part's Content-Type, if any.</param>
/// <param name="Content">The file's text.</param>
public sealed record DatasetUploadForm(string? Name, string? Task, string? Target, string? Features, string FileName, string? FileContentType, string Content);

/// <summary>An upload that passed every check: the chosen columns as numbers, ready to store.</summary>
public sealed record ValidatedDataset(
    string Name,
    Contracts.Responses.DatasetTask Task,
    string[] FeatureColumns,
    string[] TargetColumns,
    float[] Features,
    float[] Targets,
    int Rows,
    int Classes,
    IReadOnlyDictionary<string, int>? ClassBalance);
