using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Plots draw what they are about: the expected series, each with a point per epoch, and coloured
/// ink in the data area of the PNG. A blank chart passes a decode-and-parse check; not these.
/// </summary>
public sealed class PlotContentTests : IAsyncLifetime
{
    const int Epochs = 12;
    readonly TrainServiceFactory factory = new();
    HttpClient client = null!;
    Guid first, second;

    static string Xor(int seed) => $$"""
        {"name": "xor-plot-{{seed}}",
         "dataset": {"kind": "xor", "samples": 100, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 6, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": {{Epochs}}, "batchSize": 16, "seed": {{seed}}, "validationSplit": 0.2},
         "diagnostics": {"every": 2} }
        """;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        first = await TrainAsync(Xor(1));
        second = await TrainAsync(Xor(2));
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    async Task<Guid> TrainAsync(string spec)
    {
        var created = await client.PostJsonTextAsync("/api/jobs", spec);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id, TimeSpan.FromSeconds(60));
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        return job.Id;
    }

    async Task<string> SvgAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<Dictionary<(int R, int G, int B), int>> PngInkAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PlotContent.ColouredPixels(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("loss")]
    [InlineData("accuracy")]
    public async Task CurvePlot_HasTrainAndValidationSeries_WithAPointPerEpoch(string kind)
    {
        var series = PlotContent.SvgSeries(await SvgAsync($"/api/jobs/{first}/plots/{kind}?format=svg"));

        Assert.Equal(2, series.Count);
        Assert.Equal(2, series.Select(s => s.Color).Distinct().Count());
        Assert.All(series, s => Assert.Equal(Epochs, s.Points));
        var ink = await PngInkAsync($"/api/jobs/{first}/plots/{kind}");
        Assert.True(ink.Count(c => c.Value >= 100) >= 2, $"two colours of ink expected in the PNG, got {string.Join(", ", ink)}");
    }

    [Fact]
    public async Task Compare_DrawsOneSeriesPerJob()
    {
        var series = PlotContent.SvgSeries(await SvgAsync($"/api/compare?jobs={first},{second}&metric=valLoss&format=svg"));

        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.Equal(Epochs, s.Points));
        var ink = await PngInkAsync($"/api/compare?jobs={first},{second}&metric=valLoss&format=png");
        Assert.True(ink.Count(c => c.Value >= 100) >= 2, $"two colours of ink expected in the PNG, got {string.Join(", ", ink)}");
    }

    [Fact]
    public async Task DecisionBoundary_FillsTheDataAreaWithBothClasses()
    {
        var ink = await PngInkAsync($"/api/jobs/{first}/plots/decision-boundary");

        int area = (800 * 8 / 10) * (500 * 85 / 100);
        Assert.True(ink.Values.Sum() > area / 4, $"the class regions should cover the data area; {ink.Values.Sum()} coloured pixels of {area}");
        Assert.True(ink.Count(c => c.Value >= 1000) >= 2, $"two class colours expected, got {string.Join(", ", ink)}");
    }

    [Theory]
    [InlineData("gradient-flow")]
    [InlineData("activations")]
    public async Task DiagnosticPlot_HasInkInTheDataArea(string kind)
    {
        var ink = await PngInkAsync($"/api/jobs/{first}/plots/{kind}");

        Assert.True(ink.Values.Sum() >= 500, $"{kind}: {ink.Values.Sum()} coloured pixels");
    }
}
