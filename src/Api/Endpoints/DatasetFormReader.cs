using System.Text;
using TrainService.Jobs.Datasets;

namespace TrainService.Api.Endpoints;

/// <summary>
/// Reads an upload — a multipart form, or the file itself as a text/csv or application/json body
/// with the other fields in the query string — refusing the wrong content type and oversized
/// files before the file is read into memory. Problems are keyed by field, like every other
/// upload error.
/// </summary>
public static class DatasetFormReader
{
    /// <summary>Room for the form's other fields and multipart boundaries beyond the file itself.</summary>
    const long FormOverhead = 64 * 1024;

    public static async Task<(DatasetUploadForm? Form, IDictionary<string, string[]>? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (UploadFormats.IsRawBody(request.ContentType))
            return await ReadRawBodyAsync(request, maxBytes, ct);
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, One("contentType", $"must be multipart/form-data with a 'file' part, or a text/csv or application/json body; got '{request.ContentType}'"));
        if (request.ContentLength > maxBytes + FormOverhead)
            return (null, One("file", $"is larger than the limit of {maxBytes} bytes"));

        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return (null, One("file", "is required: a multipart part named 'file' holding CSV or JSON"));
        if (file.Length > maxBytes) return (null, One("file", $"is {file.Length} bytes; the limit is {maxBytes} bytes"));
        if (file.Length == 0) return (null, One("file", "is empty"));

        string content;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
            content = await reader.ReadToEndAsync(ct);
        return (new DatasetUploadForm(form["name"], form["task"], Join(form["target"]), Join(form["features"]), file.FileName, file.ContentType, content), null);
    }

    /// <summary>The body is the file; name, task, target and features come from the query string.</summary>
    static async Task<(DatasetUploadForm? Form, IDictionary<string, string[]>? Problem)> ReadRawBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return (null, One("file", $"is larger than the limit of {maxBytes} bytes"));
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > maxBytes) return (null, One("file", $"is {buffer.Length} bytes; the limit is {maxBytes} bytes"));
        if (buffer.Length == 0) return (null, One("file", "is empty: send the CSV or JSON as the request body"));
        string content = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var query = request.Query;
        string? name = query["name"];
        bool json = UploadFormats.Detect(request.ContentType, "") == UploadFormat.Json;
        string fileName = name ?? (json ? "upload.json" : "upload.csv");
        return (new DatasetUploadForm(name, query["task"], Join(query["target"]), Join(query["features"]), fileName, request.ContentType, content), null);
    }

    // A field may be repeated (-F target=a -F target=b) or comma-separated; both mean the same list.
    static string? Join(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : string.Join(',', values.ToArray());

    static IDictionary<string, string[]> One(string key, string message) => new Dictionary<string, string[]> { [key] = [message] };
}
