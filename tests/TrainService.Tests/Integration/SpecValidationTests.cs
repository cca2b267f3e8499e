using System.Net;
using System.Text.RegularExpressions;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>Every malformed spec gets a 400 ProblemDetails naming the JSON path of each bad field, and nothing is enqueued.</summary>
public sealed class SpecValidationTests : IClassFixture<TrainServiceFactory>
{
    readonly HttpClient client;

    public SpecValidationTests(TrainServiceFactory factory) => client = factory.CreateClient();

    const string Valid = Specs.ReadmeXor;

    public static TheoryData<string, string, string> MalformedSpecs => new()
    {
        // name, spec, expected path
        { "unknown field", Valid.Replace("\"seed\": 7", "\"seed\": 7, \"epochz\": 3"), "$.training.epochz" },
        { "unknown layer kind", Valid.Replace("\"kind\": \"linear\", \"units\": 4", "\"kind\": \"lineer\", \"units\": 4"), "$.model.layers[0].kind" },
        { "missing required units", Valid.Replace("\"units\": 4, ", ""), "$.model.layers[0].units" },
        { "wrong type", Valid.Replace("\"epochs\": 200", "\"epochs\": \"many\""), "$.training.epochs" },
        { "unknown activation", Valid.Replace("\"tanh\"", "\"tanhh\""), "$.model.layers[0].activation" },
        { "negative units", Valid.Replace("\"units\": 4", "\"units\": -4"), "$.model.layers[0].units" },
        { "zero epochs", Valid.Replace("\"epochs\": 200", "\"epochs\": 0"), "$.training.epochs" },
        { "split too large", Valid.Replace("\"validationSplit\": 0.2", "\"validationSplit\": 1.5"), "$.training.validationSplit" },
        { "negative lr", Valid.Replace("\"lr\": 0.05", "\"lr\": -1"), "$.optimizer.lr" },
        { "wrong input shape", Valid.Replace("\"inputShape\": [2]", "\"inputShape\": [3]"), "$.model.inputShape" },
        { "bce without sigmoid", Valid.Replace("\"units\": 1, \"activation\": \"sigmoid\"", "\"units\": 1, \"activation\": \"relu\""), "$.model.layers[1].activation" },
        { "bce with two outputs", Valid.Replace("\"units\": 1, \"activation\": \"sigmoid\"", "\"units\": 2, \"activation\": \"sigmoid\""), "$.loss.kind" },
        { "no layers", Regex.Replace(Valid, @"""layers"": \[.*?\]\}", @"""layers"": []}", RegexOptions.Singleline), "$.model.layers" },
        { "cuda without a GPU", Valid.Replace("\"device\": \"cpu\"", "\"device\": \"cuda\""), "$.device" },
        { "null dataset", Valid.Replace("\"dataset\": {\"kind\": \"xor\", \"samples\": 200, \"noise\": 0.0, \"seed\": 1}", "\"dataset\": null"), "$.dataset" },
        { "empty name", Valid.Replace("\"name\": \"xor-tanh\"", "\"name\": \"\""), "$.name" },
        { "truncated document", Valid[..40], "$.dataset" },
    };

    [Theory]
    [MemberData(nameof(MalformedSpecs))]
    public async Task MalformedSpec_Is400_WithTheFieldsJsonPath(string name, string spec, string path)
    {
        var response = await client.PostJsonTextAsync("/api/jobs", spec);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = await response.ReadValidationErrorsAsync();
        Assert.True(errors.ContainsKey(path), $"{name}: expected an error at {path}, got {string.Join(", ", errors.Keys)}");
        Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
    }

    [Fact]
    public async Task SeveralBadFields_AreAllReported_AndNothingIsEnqueued()
    {
        var spec = Valid.Replace("\"units\": 4", "\"units\": 0").Replace("\"epochs\": 200", "\"epochs\": -1").Replace("\"lr\": 0.05", "\"lr\": 0");
        var before = await (await client.GetAsync("/api/jobs")).ReadAsync<PagedList<JobSummary>>();

        var response = await client.PostJsonTextAsync("/api/jobs", spec);

        var errors = await response.ReadValidationErrorsAsync();
        Assert.Equal(["$.model.layers[0].units", "$.optimizer.lr", "$.training.epochs"], errors.Keys.Order());
        Assert.Contains("got -1", errors["$.training.epochs"][0]);
        var after = await (await client.GetAsync("/api/jobs")).ReadAsync<PagedList<JobSummary>>();
        Assert.Equal(before.Total, after.Total);
    }

    [Fact]
    public async Task WrongContentType_Is415ProblemDetails()
    {
        var response = await client.PostAsync("/api/jobs", new StringContent(Valid, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ValidateEndpoint_ReturnsShapesAndParameters_WithoutEnqueuing()
    {
        var response = await client.PostJsonTextAsync("/api/specs/validate", Valid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<SpecValidationResponse>();
        Assert.Equal([[4], [1]], result.Layers.Select(l => l.OutputShape));
        Assert.Equal((2 * 4 + 4) + (4 * 1 + 1), result.Parameters);
    }
}
