using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>
/// A study's plots draw what they claim: one mean curve per arm with a point per epoch and a
/// visible confidence band, and one bar per arm in the arm's colour. Read back from the SVG
/// series and the PNG's pixels, since a blank chart decodes as well as a full one.
/// </summary>
public sealed class StudyPlotTests : ServiceTest
{
    const int Epochs = 8;

    async Task<StudyResponse> FinishedStudyAsync()
    {
        var body = StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 2, 3]", baseSpec: StudySpecs.XorBase(epochs: Epochs));
        var created = await (await Client.PostJsonTextAsync("/api/studies", body)).ReadAsync<StudyResponse>();
        var study = await Client.WaitForStudyAsync(created.Id);
        Assert.Equal(JobStatus.Succeeded, study.Status);
        return study;
    }

    async Task<byte[]> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Curves_OneLinePerArm_WithAPointPerEpoch_AndBandsUnderThem()
    {
        var study = await FinishedStudyAsync();

        var series = PlotContent.SvgSeries(System.Text.Encoding.UTF8.GetString(await GetAsync($"/api/studies/{study.Id}/plots/curves?format=svg")));
        Assert.Equal(3, series.Count);
        Assert.Equal(3, series.Select(s => s.Color).Distinct().Count());
        Assert.All(series, s => Assert.Equal(Epochs, s.Points));

        var ink = PlotContent.ColouredPixels(await GetAsync($"/api/studies/{study.Id}/plots/curves"));
        // Bands are the arms' colours at low opacity over white: pale tints, all in the lightest coarse bucket.
        Assert.True(ink.GetValueOrDefault((3, 3, 3)) >= 2000, $"translucent bands expected, got {string.Join(", ", ink)}");
        Assert.True(ink.Count(c => c.Key != (3, 3, 3) && c.Value >= 100) >= 3, $"three line colours expected, got {string.Join(", ", ink)}");
    }

    [Fact]
    public async Task Bars_OneSolidBarPerArm()
    {
        var study = await FinishedStudyAsync();

        var ink = PlotContent.ColouredPixels(await GetAsync($"/api/studies/{study.Id}/plots/bars"));
        Assert.True(ink.Count(c => c.Value >= 2000) >= 3, $"three bar colours expected, got {string.Join(", ", ink)}");
        var svg = await Client.GetAsync($"/api/studies/{study.Id}/plots/bars?format=svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownKind_UnknownStudy_AndBadFormat_AreProblems()
    {
        var unknownStudy = await Client.GetAsync($"/api/studies/{Guid.NewGuid()}/plots/curves");
        Assert.Equal(HttpStatusCode.NotFound, unknownStudy.StatusCode);
        Assert.Contains("Study not found", await unknownStudy.Content.ReadAsStringAsync());

        var created = await (await Client.PostJsonTextAsync("/api/studies",
            StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [0.05]}]""", seeds: "[1]", baseSpec: StudySpecs.XorBase(epochs: 1)))).ReadAsync<StudyResponse>();
        var unknownKind = await Client.GetAsync($"/api/studies/{created.Id}/plots/violin");
        Assert.Equal(HttpStatusCode.NotFound, unknownKind.StatusCode);
        Assert.Contains("curves, bars", await unknownKind.Content.ReadAsStringAsync());
        var badFormat = await Client.GetAsync($"/api/studies/{created.Id}/plots/bars?format=gif");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("format", (await badFormat.ReadValidationErrorsAsync()).Keys);
    }
}
