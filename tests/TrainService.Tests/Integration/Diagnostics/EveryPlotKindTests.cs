using System.Net;
using SkiaSharp;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Plots;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Every plot kind through the API on the jobs that stress its layout: a 20-layer sigmoid network
/// (40 modules to name, 20 gradient rows, a sample every 7 steps on 4 steps an epoch, so whole epochs go unsampled) and a
/// 3-class spiral (three region colours). Each PNG decodes at its kind's size.
/// </summary>
public sealed class EveryPlotKindTests : IAsyncLifetime
{
    readonly TrainServiceFactory factory = new();
    HttpClient client = null!;
    Guid deep, spiral;

    static string Deep()
    {
        var layers = Enumerable.Repeat("""{"kind": "linear", "units": 8, "activation": "sigmoid"}""", 19).Append("""{"kind": "linear", "units": 1, "activation": "sigmoid"}""");
        return $$"""
            {"name": "deep-sigmoid-20", "dataset": {"kind": "moons", "samples": 150, "seed": 1},
             "model": {"inputShape": [2], "layers": [{{string.Join(",", layers)}}]},
             "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.01},
             "training": {"epochs": 6, "batchSize": 32, "seed": 3, "validationSplit": 0.2},
             "diagnostics": {"every": 7} }
            """;
    }

    const string Spiral = """
        {"name": "spiral-3", "dataset": {"kind": "spiral", "samples": 150, "classes": 3, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 16, "activation": "relu"}, {"kind": "linear", "units": 3}]},
         "loss": {"kind": "cross_entropy"}, "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": 10, "batchSize": 32, "seed": 7, "validationSplit": 0.2},
         "diagnostics": {"every": 2, "unit": "epochs"} }
        """;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        deep = await TrainAsync(Deep());
        spiral = await TrainAsync(Spiral);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    async Task<Guid> TrainAsync(string spec)
    {
        var created = await client.PostJsonTextAsync("/api/jobs", spec);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        return job.Id;
    }

    [Fact]
    public async Task EveryKind_OfBothJobs_IsAPngOfItsKindsSize()
    {
        // 20 gradient rows need a taller image than the default; the activation panels are 1000×1000.
        var sizes = new Dictionary<(string, string), (int, int)>
        {
            [("deep", "loss")] = (800, 500), [("deep", "accuracy")] = (800, 500), [("deep", "gradient-flow")] = (800, 160 + 22 * 20),
            [("deep", "activations")] = (1000, 1000), [("deep", "decision-boundary")] = (800, 500),
            [("spiral", "loss")] = (800, 500), [("spiral", "accuracy")] = (800, 500), [("spiral", "gradient-flow")] = (800, 500),
            [("spiral", "activations")] = (1000, 1000), [("spiral", "decision-boundary")] = (800, 500),
        };
        Assert.Equal(JobPlotKinds.All.Length * 2, sizes.Count);
        foreach (var ((job, kind), size) in sizes)
        {
            using var png = await PngAsync($"/api/jobs/{(job == "deep" ? deep : spiral)}/plots/{kind}");
            Assert.True((png.Width, png.Height) == size, $"{job} {kind}: {png.Width}×{png.Height}, expected {size}");
        }
        using var compare = await PngAsync($"/api/compare?jobs={deep},{spiral}&metric=valLoss&format=png");
        Assert.Equal((800, 500), (compare.Width, compare.Height));
    }

    [Fact]
    public async Task DecisionBoundary_OfThreeClasses_PaintsThreeRegionColours()
    {
        using var png = await PngAsync($"/api/jobs/{spiral}/plots/decision-boundary");
        var counts = new int[3];
        for (int x = 0; x < png.Width; x++)
            for (int y = 0; y < png.Height; y++)
            {
                var pixel = png.GetPixel(x, y);
                for (int k = 0; k < 3; k++) if (Near(pixel, Pale(k))) counts[k]++;
            }
        Assert.All(counts, c => Assert.True(c > 1000, $"region pixels per class: {string.Join(", ", counts)}"));
    }

    async Task<SKBitmap> PngAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()) ?? throw new Xunit.Sdk.XunitException($"{url}: not a PNG");
    }

    static SKColor Pale(int label)
    {
        var c = ClassColormap.Of(label);
        return new((byte)(255 - 0.3 * (255 - c.R)), (byte)(255 - 0.3 * (255 - c.G)), (byte)(255 - 0.3 * (255 - c.B)));
    }

    static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) <= 6 && Math.Abs(a.Green - b.Green) <= 6 && Math.Abs(a.Blue - b.Blue) <= 6;
}
