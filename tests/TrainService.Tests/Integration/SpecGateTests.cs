using System.Net;
using Microsoft.AspNetCore.Hosting;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// Issue 10's classes of bad input, each through both doors (POST /api/jobs and
/// /api/specs/validate): a 400 ProblemDetails naming every bad path, never a 500.
/// </summary>
public sealed class SpecGateTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    const string Xor = Specs.ReadmeXor;
    static readonly string[] Doors = SpecDoors.All;

    public static TheoryData<string, string, string> MissingKinds => new()
    {
        { "optimizer without kind", Xor.Replace("\"kind\": \"adam\", ", ""), "$.optimizer.kind" },
        { "dataset without kind", Xor.Replace("\"kind\": \"xor\", ", ""), "$.dataset.kind" },
        { "layer without kind", Xor.Replace("\"kind\": \"linear\", \"units\": 4", "\"units\": 4"), "$.model.layers[0].kind" },
        { "loss without kind", Xor.Replace("\"loss\": {\"kind\": \"bce\"}", "\"loss\": {}"), "$.loss.kind" },
        { "schedule without kind", Xor.Replace("\"seed\": 7,", "\"seed\": 7, \"schedule\": {\"tMax\": 5},"), "$.training.schedule.kind" },
        { "null layer", Xor.Replace("{\"kind\": \"linear\", \"units\": 4, \"activation\": \"tanh\"}", "null"), "$.model.layers[0]" },
        { "empty layer", Xor.Replace("{\"kind\": \"linear\", \"units\": 4, \"activation\": \"tanh\"}", "{}"), "$.model.layers[0].kind" },
        { "numeric kind", Xor.Replace("\"kind\": \"bce\"", "\"kind\": 1"), "$.loss.kind" },
        { "null kind", Xor.Replace("\"kind\": \"adam\"", "\"kind\": null"), "$.optimizer.kind" },
    };

    public static TheoryData<string, string, string> IntegerEnums => new()
    {
        { "activation 3", Xor.Replace("\"activation\": \"tanh\"", "\"activation\": 3"), "$.model.layers[0].activation" },
        { "activation int.MaxValue", Xor.Replace("\"activation\": \"tanh\"", "\"activation\": 2147483647"), "$.model.layers[0].activation" },
        { "device 0", Xor.Replace("\"device\": \"cpu\"", "\"device\": 0"), "$.device" },
        { "device as a numeric string", Xor.Replace("\"device\": \"cpu\"", "\"device\": \"0\""), "$.device" },
        { "best metric 1", Xor.Replace("\"device\": \"cpu\"", "\"device\": \"cpu\", \"checkpoints\": {\"bestMetric\": 1}"), "$.checkpoints.bestMetric" },
    };

    public static TheoryData<string, string, string> DuplicateKeys => new()
    {
        { "top-level name", Xor.Replace("{\"name\": \"xor-tanh\",", "{\"name\": \"xor-tanh\", \"name\": \"again\","), "$.name" },
        { "optimizer lr", Xor.Replace("\"lr\": 0.05", "\"lr\": 0.05, \"lr\": 0.1"), "$.optimizer.lr" },
        { "second layer, beside a bad enum", Xor.Replace("\"activation\": \"tanh\"", "\"activation\": 3").Replace("\"units\": 1,", "\"units\": 1, \"units\": 2,"), "$.model.layers[1].units" },
        { "layer kind", Xor.Replace("\"kind\": \"linear\", \"units\": 4", "\"kind\": \"linear\", \"kind\": \"dropout\", \"units\": 4"), "$.model.layers[0].kind" },
    };

    [Theory]
    [MemberData(nameof(MissingKinds))]
    [MemberData(nameof(IntegerEnums))]
    [MemberData(nameof(DuplicateKeys))]
    public Task BadShape_Is400AtItsPath_FromBothEndpoints(string name, string spec, string path) =>
        SpecDoors.AssertRefusedAtAsync(factory.CreateClient(), name, spec, path);

    [Fact]
    public async Task IntegerEnum_MessageListsTheNames()
    {
        var spec = Xor.Replace("\"activation\": \"tanh\"", "\"activation\": 3");

        var errors = await (await factory.CreateClient().PostJsonTextAsync("/api/specs/validate", spec)).ReadValidationErrorsAsync();

        Assert.Contains("'relu'", Assert.Single(errors["$.model.layers[0].activation"]));
    }

    [Fact]
    public async Task ThreeErrors_AreReportedInOneAnswer()
    {
        var spec = Xor.Replace("\"activation\": \"tanh\"", "\"activation\": \"nope\"").Replace("\"lr\": 0.05", "\"lr\": -1").Replace("\"loss\": {\"kind\": \"bce\"},", "");
        var client = factory.CreateClient();
        foreach (var door in Doors)
        {
            var response = await client.PostJsonTextAsync(door, spec);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = await response.ReadValidationErrorsAsync();
            Assert.Equal(["$.loss", "$.model.layers[0].activation", "$.optimizer.lr"], errors.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task ShapeErrorsInDifferentBranches_AreAllReported()
    {
        var spec = Xor.Replace("\"kind\": \"adam\", ", "").Replace("\"units\": 4", "\"units\": \"four\"").Replace("\"epochs\": 200", "\"epochz\": 200").Replace("\"device\": \"cpu\"", "\"device\": 1");

        var errors = await (await factory.CreateClient().PostJsonTextAsync("/api/jobs", spec)).ReadValidationErrorsAsync();

        Assert.Equal(["$.device", "$.model.layers[0].units", "$.optimizer.kind", "$.training.epochz"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("\"dataset\": {\"kind\": \"adding\", \"length\": 10000, \"samples\": 1000000}", "[10000, 2]")]
    [InlineData("\"dataset\": {\"kind\": \"memory\", \"length\": 10000, \"samples\": 1000000}", "[10000")]
    [InlineData("\"dataset\": {\"kind\": \"noisy_sine\", \"window\": 10000, \"samples\": 1000000}", "[10000")]
    public async Task DatasetBeyondTheMemoryCap_Is400AtSamples(string dataset, string shape)
    {
        var spec = Xor.Replace("\"dataset\": {\"kind\": \"xor\", \"samples\": 200, \"noise\": 0.0, \"seed\": 1}", dataset);
        var client = factory.CreateClient();
        foreach (var door in Doors)
        {
            var response = await client.PostJsonTextAsync(door, spec);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = await response.ReadValidationErrorsAsync();
            var message = Assert.Single(errors["$.dataset.samples"]);
            Assert.Contains(shape, message);
            Assert.Contains("MaxMemoryBytes", message);
        }
    }

    [Fact]
    public async Task MemoryCap_CountsTheDataset_ForEveryGeneratedKind()
    {
        // 200 xor rows are 2,400 bytes; 20,000 are 240,000, over a 100,000-byte cap the model alone fits in.
        await using var capped = factory.WithWebHostBuilder(b => b.UseSetting("TrainService:Limits:MaxMemoryBytes", "100000"));
        var client = capped.CreateClient();

        var small = await client.PostJsonTextAsync("/api/specs/validate", Xor);
        var large = await client.PostJsonTextAsync("/api/specs/validate", Xor.Replace("\"samples\": 200", "\"samples\": 20000"));
        var images = await client.PostJsonTextAsync("/api/specs/validate", Xor.Replace(
            "\"dataset\": {\"kind\": \"xor\", \"samples\": 200, \"noise\": 0.0, \"seed\": 1}", "\"dataset\": {\"kind\": \"synthetic_images\", \"samples\": 5000}"));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("$.dataset.samples", (await large.ReadValidationErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, images.StatusCode);
        Assert.Contains("$.dataset.samples", (await images.ReadValidationErrorsAsync()).Keys);
    }

    [Fact]
    public async Task BadWarmStart_IsRejectedIdentically_ByBothEndpoints()
    {
        var spec = Xor.Replace("\"device\": \"cpu\"", "\"device\": \"cpu\", \"warmStart\": {\"jobId\": \"6b1f1c52-0000-4000-8000-000000000001\"}");
        var client = factory.CreateClient();

        var submitted = await client.PostJsonTextAsync("/api/jobs", spec);
        var validated = await client.PostJsonTextAsync("/api/specs/validate", spec);

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, validated.StatusCode);
        var submitErrors = await submitted.ReadValidationErrorsAsync();
        var validateErrors = await validated.ReadValidationErrorsAsync();
        Assert.Contains("$.warmStart.jobId", submitErrors.Keys);
        Assert.Equal(submitErrors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))),
            validateErrors.OrderBy(e => e.Key).Select(e => (e.Key, string.Join("|", e.Value))));
    }
}
