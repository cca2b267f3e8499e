using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>Column names must exist, be unique and not exceed the configured count.</summary>
internal static class HeaderChecks
{
    public static bool Check(string[] columns, int maxColumns, ValidationErrors errors)
    {
        if (columns.Length > maxColumns)
        {
            errors.Add("file", $"has {columns.Length} columns; the limit is {maxColumns}");
            return false;
        }
        for (int i = 0; i < columns.Length; i++)
            if (columns[i].Length == 0) errors.Add("file", $"header column {i + 1} has no name");
        foreach (var duplicate in columns.Where(c => c.Length > 0).GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add("file", $"column '{duplicate.Key}' appears more than once in the header");
        return errors.IsEmpty;
    }
}
