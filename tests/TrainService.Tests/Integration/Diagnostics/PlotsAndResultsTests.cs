using System.Net;
using System.Xml.Linq;
using SkiaSharp;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>Acceptance 4 and the results/compare endpoints, on two small XOR runs with diagnostics on.</summary>
public sealed class PlotsAndResultsTests : IAsyncLifetime
{
    readonly TrainServiceFactory factory = new();
    HttpClient client = null!;
    JobResponse tanh = null!, relu = null!;

    static string Xor(string activation) => $$"""
        {"name": "xor-{{activation}}",
         "dataset": {"kind": "xor", "samples": 200, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 8, "activation": "{{activation}}"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": 30, "batchSize": 32, "seed": 7, "validationSplit": 0.2},
         "diagnostics": {"every": 5} }
        """;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        tanh = await TrainAsync(Xor("tanh"));
        relu = await TrainAsync(Xor("relu"));
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    Task<JobResponse> TrainAsync(string spec) => client.TrainToSuccessAsync(spec);

    [Theory]
    [InlineData("loss")]
    [InlineData("accuracy")]
    [InlineData("gradient-flow")]
    [InlineData("activations")]
    [InlineData("decision-boundary")]
    public async Task JobPlots_ArePngThatDecodes_AndSvgThatParses(string kind)
    {
        await AssertPngAsync($"/api/jobs/{tanh.Id}/plots/{kind}", kind == "activations" ? (1000, 1000) : (800, 500));
        await AssertSvgAsync($"/api/jobs/{tanh.Id}/plots/{kind}?format=svg");
    }

    [Fact]
    public async Task EveryActivation_HasAPlot_AndUnknownNamesAre404()
    {
        foreach (var name in Enum.GetValues<Activation>().Select(a => System.Text.Json.JsonSerializer.Serialize(a).Trim('"')))
            await AssertPngAsync($"/api/activations/{name}/plot");
        await AssertSvgAsync("/api/activations/sigmoid/plot?format=svg&from=-3&to=3");
        var unknown = await client.GetAsync("/api/activations/nope/plot");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("sigmoid", await unknown.Content.ReadAsStringAsync());
        var badFormat = await client.GetAsync("/api/activations/relu/plot?format=gif");
        Assert.Contains("format", (await badFormat.ReadValidationErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Results_SummariseTheRun_FromItsEpochs()
    {
        var results = await (await client.GetAsync($"/api/jobs/{tanh.Id}/results")).ReadAsync<JobResultsResponse>();
        var epochs = (await (await client.GetAsync($"/api/jobs/{tanh.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs;
        Assert.Equal(30, results.EpochsCompleted);
        Assert.Equal(epochs[^1], results.Final);
        Assert.Equal("valLoss", results.BestMetric);
        var best = epochs.MinBy(e => e.ValLoss!.Value)!;
        Assert.Equal(best, results.Best);
        Assert.Equal(best.Epoch, results.BestEpoch);
        Assert.Equal(2 * 8 + 8 + 8 * 1 + 1, results.Parameters);
        double seconds = epochs.Sum(e => e.Seconds);
        Assert.Equal(seconds / 30, results.SecondsPerEpoch!.Value, 1e-9);
        Assert.Equal(160 * 30 / seconds, results.SamplesPerSecond!.Value, 1e-6); // 200 rows, 20% held out for validation
        // Every epoch ran between start and finish; the peak is this (in-process) host's, with libtorch loaded.
        Assert.Equal((tanh.FinishedAt - tanh.StartedAt)!.Value.TotalSeconds, results.WallSeconds!.Value, 1e-3);
        Assert.True(results.WallSeconds >= seconds, $"wall {results.WallSeconds} s < the epochs' {seconds} s");
        Assert.InRange(results.PeakMemoryBytes!.Value, 100L << 20, System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64);
    }

    [Fact]
    public async Task Compare_AlignsRunsByEpoch_AsJsonAndAsImages()
    {
        var comparison = await (await client.GetAsync($"/api/compare?jobs={tanh.Id},{relu.Id}&metric=valLoss")).ReadAsync<ComparisonResponse>();
        Assert.Equal([tanh.Id, relu.Id], comparison.Jobs.Select(j => j.Id));
        Assert.Equal(Enumerable.Range(1, 30), comparison.Epochs.Select(r => r.Epoch));
        var tanhEpochs = (await (await client.GetAsync($"/api/jobs/{tanh.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs;
        var reluEpochs = (await (await client.GetAsync($"/api/jobs/{relu.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs;
        Assert.Equal(tanhEpochs.Select(e => e.ValLoss), comparison.Epochs.Select(r => r.Values[0]));
        Assert.Equal(reluEpochs.Select(e => e.ValLoss), comparison.Epochs.Select(r => r.Values[1]));
        await AssertPngAsync($"/api/compare?jobs={tanh.Id},{relu.Id}&metric=valLoss&format=png");
        await AssertSvgAsync($"/api/compare?jobs={tanh.Id},{relu.Id}&metric=trainLoss&format=svg");
        var bad = await client.GetAsync($"/api/compare?jobs={tanh.Id},x&metric=nope");
        var errors = await bad.ReadValidationErrorsAsync();
        Assert.Contains("jobs", errors.Keys);
        Assert.Contains("metric", errors.Keys);
    }

    [Fact]
    public async Task Diagnostics_SampleTheFirstStepAndEveryFifth()
    {
        var diagnostics = await (await client.GetAsync($"/api/jobs/{tanh.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        Assert.Equal(["0_linear", "0_tanh", "1_linear", "1_sigmoid"], diagnostics.Layers);
        var grad = diagnostics.Series.Single(s => s.Metric == "gradNorm" && s.Layer == "0_linear");
        int steps = 30 * 5; // 160 training rows in batches of 32
        Assert.True(Enumerable.Range(0, steps / 5).Select(i => 1L + 5 * i).SequenceEqual(grad.Points.Select(p => p.Step)), string.Join(",", grad.Points.Select(p => p.Step)));
        Assert.All(grad.Points, p => Assert.Equal((int)((p.Step - 1) / 5) + 1, p.Epoch));
        Assert.Contains(diagnostics.Series, s => s.Metric == "saturatedFraction" && s.Layer == "0_tanh");
        Assert.Contains(diagnostics.Series, s => s.Metric == "updateRatio" && s.Layer == "1_linear");
        var reluDiagnostics = await (await client.GetAsync($"/api/jobs/{relu.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        Assert.Contains(reluDiagnostics.Series, s => s.Metric == "deadFraction" && s.Layer == "0_relu");
    }

    async Task AssertPngAsync(string url, (int, int)? size = null)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(bitmap);
        Assert.Equal(size ?? (800, 500), (bitmap.Width, bitmap.Height));
    }

    async Task AssertSvgAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }
}
