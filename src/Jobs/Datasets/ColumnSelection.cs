using TrainService.Contracts.Responses;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>Resolves the target and feature column names against the file's header.</summary>
internal static class ColumnSelection
{
    public static (string[]? Features, string[]? Targets) Choose(string[] columns, string? target, string? features, DatasetTask task, ValidationErrors errors)
    {
        var targets = Names(target);
        if (targets.Length == 0) errors.Add("target", "is required: the name of the target column (several, comma-separated, for regression)");
        if (targets.Length > 1 && task != DatasetTask.Regression)
            errors.Add("target", $"a {task.ToString().ToLowerInvariant()} dataset has exactly one target column (class labels); got {targets.Length}");
        foreach (var name in targets.Where(n => !columns.Contains(n, StringComparer.Ordinal)))
            errors.Add("target", $"column '{name}' does not exist; the columns are {string.Join(", ", columns)}");

        var chosen = Names(features);
        foreach (var name in chosen.Where(n => !columns.Contains(n, StringComparer.Ordinal)))
            errors.Add("features", $"column '{name}' does not exist; the columns are {string.Join(", ", columns)}");
        foreach (var name in chosen.Intersect(targets, StringComparer.Ordinal))
            errors.Add("features", $"column '{name}' is also a target");
        var featureColumns = chosen.Length > 0 ? chosen : columns.Except(targets, StringComparer.Ordinal).ToArray();
        if (featureColumns.Length == 0) errors.Add("features", "no feature column is left besides the target");
        return errors.IsEmpty ? (featureColumns, targets) : (null, null);
    }

    static string[] Names(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
}
