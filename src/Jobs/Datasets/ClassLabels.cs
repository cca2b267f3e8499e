using System.Globalization;
using TrainService.Contracts.Responses;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// Classification targets must be class indices: 0/1 for binary, 0 … C−1 for multiclass (what
/// bce and cross-entropy consume), with at least two classes present.
/// </summary>
internal static class ClassLabels
{
    public static (int Classes, IReadOnlyDictionary<string, int>? Balance) Check(DatasetTask task, string column, float[] labels, ValidationErrors errors)
    {
        if (task == DatasetTask.Regression) return (0, null);
        int maxLabel = task == DatasetTask.Binary ? 1 : DatasetUploadValidator.MaxClasses - 1;
        for (int r = 0; r < labels.Length; r++)
            if (labels[r] < 0 || labels[r] > maxLabel || labels[r] != MathF.Floor(labels[r]))
            {
                string expected = task == DatasetTask.Binary ? "0 or 1" : $"a whole number from 0 to {maxLabel}";
                errors.Add("file", $"row {r + 1}, column '{column}': class label {labels[r].ToString(CultureInfo.InvariantCulture)} must be {expected}");
                return (0, null);
            }
        var counts = labels.GroupBy(l => (int)l).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());
        if (counts.Count < 2)
        {
            errors.Add("target", $"column '{column}' holds only one class ({counts.Keys.Single()}); a classifier needs at least two");
            return (0, null);
        }
        return (task == DatasetTask.Binary ? 2 : (int)labels.Max() + 1, counts);
    }
}
