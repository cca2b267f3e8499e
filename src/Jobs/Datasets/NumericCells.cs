using System.Globalization;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>Parses the chosen columns as finite numbers, naming the row and column of every bad cell.</summary>
internal static class NumericCells
{
    const int MaxReported = 20;
    static readonly string[] MissingMarkers = ["", "na", "n/a", "nan", "null", "none", "?"];

    /// <summary>Row-major values of <paramref name="names"/>; row numbers in messages count data rows from 1.</summary>
    public static float[] Read(RawTable table, string[] names, ValidationErrors errors)
    {
        var indices = names.Select(n => Array.IndexOf(table.Columns, n)).ToArray();
        var values = new float[table.Rows.Count * names.Length];
        int reported = 0;
        for (int r = 0; r < table.Rows.Count && reported < MaxReported; r++)
            for (int c = 0; c < names.Length && reported < MaxReported; c++)
            {
                string? cell = table.Rows[r][indices[c]];
                if (cell is null || MissingMarkers.Contains(cell.Trim().ToLowerInvariant()))
                    Report($"row {r + 1}, column '{names[c]}': missing value");
                else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || Math.Abs(value) > float.MaxValue)
                    Report($"row {r + 1}, column '{names[c]}': '{Shorten(cell)}' is not a number");
                else
                    values[r * names.Length + c] = (float)value;
            }
        return values;

        void Report(string message)
        {
            errors.Add("file", ++reported == MaxReported ? $"{message} (further problems not listed)" : message);
        }
    }

    static string Shorten(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";
}
