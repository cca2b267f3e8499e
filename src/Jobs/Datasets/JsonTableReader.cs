using System.Text.Json;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// A JSON array of flat objects, one per row: [{"x1": 0.5, "y": 1}, …]. The first object's keys
/// are the columns; null is a missing value; strings are kept quoted so they fail as non-numbers.
/// </summary>
public static class JsonTableReader
{
    public static RawTable? Read(string text, int maxColumns, ValidationErrors errors)
    {
        if (text.Trim().Length == 0)
        {
            errors.Add("file", "is empty");
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return FromArray(document.RootElement, maxColumns, errors);
        }
        catch (JsonException error)
        {
            errors.Add("file", $"is not valid JSON: {error.Message}");
            return null;
        }
    }

    static RawTable? FromArray(JsonElement root, int maxColumns, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Object))
        {
            errors.Add("file", "must be a non-empty JSON array of objects, one per row");
            return null;
        }
        var columns = root[0].EnumerateObject().Select(p => p.Name).ToArray();
        if (!HeaderChecks.Check(columns, maxColumns, errors)) return null;
        var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var rows = new List<string?[]>();
        foreach (var element in root.EnumerateArray())
        {
            var cells = new string?[columns.Length];
            foreach (var property in element.EnumerateObject())
            {
                if (!index.TryGetValue(property.Name, out int column))
                {
                    errors.Add("file", $"row {rows.Count + 1} has a field '{property.Name}' that the first row lacks");
                    return null;
                }
                cells[column] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetRawText();
            }
            rows.Add(cells);
        }
        return new RawTable(columns, rows);
    }
}
