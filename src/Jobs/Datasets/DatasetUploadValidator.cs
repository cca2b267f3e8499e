using TrainService.Contracts.Responses;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// Turns an upload form into a dataset or a list of problems keyed by form field ("file",
/// "task", "target", "features"). Nothing here touches storage, so a rejected upload leaves nothing behind.
/// </summary>
public static class DatasetUploadValidator
{
    public const int MaxClasses = 1_000;

    public static (ValidatedDataset? Dataset, ValidationErrors Errors) Validate(DatasetUploadForm form, int maxColumns)
    {
        var errors = new ValidationErrors();
        var task = ParseTask(form.Task, errors);
        var format = UploadFormats.Detect(form.FileContentType, form.FileName);
        if (format is null)
            errors.Add("file", $"must be CSV (text/csv) or JSON (application/json); got content type '{form.FileContentType}'");
        if (!errors.IsEmpty) return (null, errors);

        var table = format == UploadFormat.Json ? JsonTableReader.Read(form.Content, maxColumns, errors) : CsvTableReader.Read(form.Content, maxColumns, errors);
        if (table is null) return (null, errors);
        var (features, targets) = ColumnSelection.Choose(table.Columns, form.Target, form.Features, task!.Value, errors);
        if (!errors.IsEmpty) return (null, errors);

        var featureValues = NumericCells.Read(table, features!, errors);
        var targetValues = NumericCells.Read(table, targets!, errors);
        if (!errors.IsEmpty) return (null, errors);

        var (classes, balance) = ClassLabels.Check(task.Value, targets![0], targetValues, errors);
        if (!errors.IsEmpty) return (null, errors);
        string name = string.IsNullOrWhiteSpace(form.Name) ? form.FileName : form.Name.Trim();
        if (name.Length > 200) name = name[..200];
        return (new ValidatedDataset(name, task.Value, features!, targets!, featureValues, targetValues, table.Rows.Count, classes, balance), errors);
    }

    static DatasetTask? ParseTask(string? text, ValidationErrors errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "regression": return DatasetTask.Regression;
            case "binary": return DatasetTask.Binary;
            case "multiclass": return DatasetTask.Multiclass;
            case null or "":
                errors.Add("task", "is required: regression, binary or multiclass");
                return null;
            default:
                errors.Add("task", $"must be regression, binary or multiclass; got '{text}'");
                return null;
        }
    }
}
