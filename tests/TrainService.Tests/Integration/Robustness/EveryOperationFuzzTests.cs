using System.Net;
using System.Text;
using System.Text.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Robustness;

/// <summary>
/// "Every 5xx is a bug", checked against the whole API rather than endpoint by endpoint: every operation
/// of the served OpenAPI document is called with broken path parameters, query parameters and bodies, on a
/// real finished job's id as well as on unknown ones, and none may answer 5xx. A new endpoint is covered
/// the day it is added.
/// </summary>
public sealed class EveryOperationFuzzTests : ServiceTest
{
    static readonly string[] BadQueryValues = ["", "-1", "abc", "1e999", "99999999999999999999", "NaN", "%00", "2026-13-45T99:99"];

    static readonly string?[] BadBodies =
    [
        null, "", "{", "null", "[]", "\"text\"", "42", "{\"name\": 5}", "{\"inputs\": \"x\"}", "{\"inputs\": [[]]}",
        "{\"inputs\": [[1, 2, 3]]}", "{\"inputs\": [[\"a\", null]]}", "{\"inputs\": [[1e308, -1e308]]}",
        "{\"scopes\": [\"root\"], \"name\": \"\"}", "{\"factors\": [{\"path\": \"$..\", \"values\": []}]}",
        new string('[', 100_000), "{\"a\":" + new string('"', 3) + "}",
    ];

    [Fact]
    public async Task EveryOperation_WithBrokenParametersAndBodies_NeverAnswers5xx()
    {
        var job = await Client.SubmitAndWaitAsync(Specs.Xor(epochs: 3));
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var failures = new List<string>();
        int calls = 0;

        // DELETE last: the finished job must exist while the other operations are called on its id.
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name.ToUpperInvariant(), Operation: op.Value)))
            .OrderBy(op => op.Method == "DELETE").ToList();
        Assert.True(operations.Count >= 35, $"only {operations.Count} operations in the document");

        foreach (var (template, method, operation) in operations)
        {
            var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
            bool hasBody = operation.TryGetProperty("requestBody", out _) || method is "POST" or "PUT" or "PATCH";

            var paths = PathsFor(template, job.Id).ToList();
            foreach (string path in paths)
            {
                foreach (string? body in hasBody ? BadBodies : [null])
                    await Call(method, path, body);
                if (path != paths[0]) continue;
                foreach (string name in query)
                    foreach (string value in BadQueryValues)
                        await Call(method, $"{path}?{name}={Uri.EscapeDataString(value)}", hasBody ? "{}" : null);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls answered 5xx:\n{string.Join("\n", failures.Take(30))}");
        Assert.True(calls > 600, $"only {calls} calls made");

        async Task Call(string method, string path, string? body)
        {
            calls++;
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await Client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
                failures.Add($"{method} {path} body {Shorten(body)} → {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
        }
    }

    /// <summary>Each path template filled with the real job's id, an unknown id, and hostile strings for every other parameter.</summary>
    static IEnumerable<string> PathsFor(string template, Guid jobId)
    {
        string[] ids = [jobId.ToString(), Guid.NewGuid().ToString(), "not-a-guid"];
        string[] names = ["final", "x", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE%20 ", new string('a', 3000)];
        var parameters = System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}:]+)[^}]*\}").Select(m => m.Value).ToList();
        if (parameters.Count == 0) return [template];
        // Every id choice with every name choice, but only one hostile value at a time per extra parameter.
        return ids.SelectMany(id => names.Select(name => parameters.Aggregate(template,
            (path, parameter) => path.Replace(parameter, parameter.StartsWith("{id") ? id : name)))).Distinct();
    }

    static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 120 ? text : text[..120] + "…";
}
