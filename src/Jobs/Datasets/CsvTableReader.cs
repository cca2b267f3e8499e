using nietras.SeparatedValues;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// RFC 4180 comma-separated text with a header row, parsed by Sep: fields in double quotes may
/// hold commas, doubled quotes and line breaks; cells are trimmed; blank lines are skipped.
/// Problems are reported against the "file" field.
/// </summary>
public static class CsvTableReader
{
    public static RawTable? Read(string text, int maxColumns, ValidationErrors errors)
    {
        // The header is read as an ordinary row: HeaderChecks reports duplicates and blanks in our words, Sep would throw.
        using var reader = Sep.New(',').Reader(options => options with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
        }).FromText(text);
        string[]? columns = null;
        var rows = new List<string?[]>();
        foreach (var row in reader)
        {
            if (IsBlank(row)) continue;
            var cells = new string?[row.ColCount];
            for (int c = 0; c < cells.Length; c++) cells[c] = row[c].ToString();
            if (columns is null)
            {
                columns = cells.Select(c => c ?? "").ToArray();
                if (!HeaderChecks.Check(columns, maxColumns, errors)) return null;
                continue;
            }
            if (cells.Length != columns.Length)
            {
                errors.Add("file", $"row {rows.Count + 1} (line {row.LineNumberFrom}) has {cells.Length} cells but the header has {columns.Length} columns");
                return null;
            }
            rows.Add(cells);
        }
        if (columns is null)
        {
            errors.Add("file", "is empty");
            return null;
        }
        if (rows.Count == 0)
        {
            errors.Add("file", "has a header but no data rows");
            return null;
        }
        return new RawTable(columns, rows);
    }

    static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row[0].Span.IsWhiteSpace();
}
