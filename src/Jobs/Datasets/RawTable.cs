namespace TrainService.Jobs.Datasets;

/// <summary>
/// An uploaded file as named columns of text cells, before any number is parsed: CSV and JSON
/// both read into this so one converter gives both the same messages. A null cell is missing.
/// </summary>
public sealed record RawTable(string[] Columns, IReadOnlyList<string?[]> Rows);

/// <summary>What a dataset file holds, decided from the part's content type and file name.</summary>
public enum UploadFormat { Csv, Json }
