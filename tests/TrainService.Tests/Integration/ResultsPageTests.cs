using System.Net;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>The results page is served by the service itself, its charting library included (no CDN: it works offline).</summary>
public sealed class ResultsPageTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    [Fact]
    public async Task Root_ServesTheResultsPage_ThatLoadsOnlyScriptsOfThisOrigin()
    {
        var response = await factory.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>TrainService results</title>", html);
        Assert.Contains("""<script src="vendor/uplot-1.6.32/uPlot.iife.min.js"></script>""", html);
        Assert.Contains("""<script type="module" src="js/app.js"></script>""", html);
        Assert.DoesNotContain("http://", html.Replace("""href="/swagger""", ""));
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("/vendor/uplot-1.6.32/uPlot.iife.min.js", "text/javascript", "/*! https://github.com/leeoniya/uPlot (v1.6.32) */")]
    [InlineData("/vendor/uplot-1.6.32/uPlot.min.css", "text/css", ".uplot")]
    [InlineData("/js/app.js", "text/javascript", "// Hash routes")]
    public async Task VendoredAndOwnAssets_AreServedWithTheirContentType(string path, string mediaType, string start)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(start, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_StillAnswersBesideThePage()
    {
        var response = await factory.CreateClient().GetAsync("/api/jobs/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
