namespace TrainService.Jobs.Datasets;

/// <summary>
/// Decides CSV or JSON from the part's Content-Type, falling back to the file extension when the
/// client sent a generic type (curl and many libraries send application/octet-stream or none).
/// </summary>
public static class UploadFormats
{
    static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/comma-separated-values"];
    static readonly string[] JsonTypes = ["application/json", "text/json"];
    static readonly string[] GenericTypes = ["", "application/octet-stream", "text/plain"];

    /// <summary>Whether a request's own Content-Type says its body is the dataset file (not a form around it).</summary>
    public static bool IsRawBody(string? requestContentType)
    {
        string mediaType = (requestContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return CsvTypes.Contains(mediaType) || JsonTypes.Contains(mediaType);
    }

    public static UploadFormat? Detect(string? contentType, string fileName)
    {
        string mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (CsvTypes.Contains(mediaType)) return UploadFormat.Csv;
        if (JsonTypes.Contains(mediaType)) return UploadFormat.Json;
        if (!GenericTypes.Contains(mediaType)) return null;
        return fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? UploadFormat.Json : UploadFormat.Csv;
    }
}
