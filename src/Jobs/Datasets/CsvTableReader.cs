using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// Comma-separated text with a header row. Fields may be wrapped in double quotes (no embedded
/// commas); blank lines are skipped. Problems are reported against the "file" field.
/// </summary>
public static class CsvTableReader
{
    public static RawTable? Read(string text, int maxColumns, ValidationErrors errors)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            errors.Add("file", "is empty");
            return null;
        }
        var columns = Split(lines[0]).Select(c => c ?? "").ToArray();
        if (!HeaderChecks.Check(columns, maxColumns, errors)) return null;
        if (lines.Count == 1)
        {
            errors.Add("file", "has a header but no data rows");
            return null;
        }
        var rows = new List<string?[]>(lines.Count - 1);
        for (int i = 1; i < lines.Count; i++)
        {
            var cells = Split(lines[i]);
            if (cells.Length != columns.Length)
            {
                errors.Add("file", $"row {i} has {cells.Length} cells but the header has {columns.Length} columns");
                return null;
            }
            rows.Add(cells);
        }
        return new RawTable(columns, rows);
    }

    static string?[] Split(string line) => line.Split(',').Select(Unquote).ToArray();

    static string? Unquote(string cell)
    {
        string trimmed = cell.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim() : trimmed;
    }
}
