using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Models.Validation;

namespace TrainService.Api.Endpoints;

/// <summary>
/// Gate one: reads a JSON body strictly and turns a malformed document into errors keyed by
/// JSON path, instead of the framework's bare 400.
/// </summary>
public static class JsonBodyReader
{
    public static async Task<(T? Value, IDictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, One("$", "the body must be JSON (Content-Type: application/json)"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ContractJson.Options, ct);
            return value is null ? (null, One("$", "the body must be a JSON object, not null")) : (value, null);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException)
        {
            return (null, JsonErrorText.Describe(error));
        }
    }

    static IDictionary<string, string[]> One(string path, string message) => new Dictionary<string, string[]> { [path] = [message] };
}
