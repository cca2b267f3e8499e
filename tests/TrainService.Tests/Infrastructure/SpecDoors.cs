using System.Net;

namespace TrainService.Tests.Infrastructure;

/// <summary>The two endpoints every spec passes through; both run the same gate, so both must refuse alike.</summary>
public static class SpecDoors
{
    public static readonly string[] All = ["/api/jobs", "/api/specs/validate"];

    /// <summary>Posts <paramref name="spec"/> to both doors and asserts each answers 400 with an error at <paramref name="path"/>.</summary>
    public static async Task AssertRefusedAtAsync(HttpClient client, string name, string spec, string path)
    {
        foreach (var door in All)
        {
            var response = await client.PostJsonTextAsync(door, spec);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name} at {door}: got {(int)response.StatusCode}");
            var errors = await response.ReadValidationErrorsAsync();
            Assert.True(errors.ContainsKey(path), $"{name} at {door}: expected {path}, got {string.Join(", ", errors.Keys)}");
        }
    }
}
