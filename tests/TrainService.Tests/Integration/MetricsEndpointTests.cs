using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>/metrics after a known workload: every series counts exactly what happened.</summary>
public sealed class MetricsEndpointTests() : ServiceTest(new TrainServiceFactory
{
    Settings = new Dictionary<string, string> { ["TrainService:TrainingWorkers"] = "2" },
})
{
    /// <summary>Prometheus text format: <c>name{labels} value</c>, comments skipped.</summary>
    internal static Dictionary<string, double> Parse(string text) => text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => Regex.Match(line, @"^(?<series>\S+(?:\{[^}]*\})?) (?<value>\S+)$"))
        .Where(m => m.Success)
        .ToDictionary(m => m.Groups["series"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [Fact]
    public async Task Metrics_CountTheJobsStepsSamplesAndPredictsThatHappened()
    {
        var ids = new List<Guid>();
        for (int i = 0; i < 2; i++)
            ids.Add((await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 3))).ReadAsync<JobResponse>()).Id);
        foreach (var id in ids) Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(id)).Status);
        for (int i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonTextAsync($"/api/jobs/{ids[0]}/predict", """{"inputs": [[0,1]]}""")).StatusCode);
        long steps = 0;
        foreach (var id in ids) steps += (await (await Client.GetAsync($"/api/jobs/{id}/metrics/steps")).ReadAsync<StepSeriesResponse>()).TotalSteps;

        var response = await Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var series = Parse(await response.Content.ReadAsStringAsync());
        double Sum(string prefix) => series.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(s => s.Value);
        Assert.Equal(2, series["trainservice_jobs{status=\"succeeded\",queue=\"training\"}"]);
        Assert.Equal(0, series["trainservice_jobs{status=\"queued\",queue=\"training\"}"]);
        Assert.Equal(2, series["trainservice_job_queue_wait_seconds_count{queue=\"training\"}"]);
        Assert.Equal(2, series["trainservice_job_duration_seconds_count{outcome=\"succeeded\"}"]);
        Assert.True(series["trainservice_job_duration_seconds_sum{outcome=\"succeeded\"}"] > 0);
        Assert.Equal(42, steps); // 200 rows / batch 32 = 7 steps, × 3 epochs × 2 jobs
        Assert.Equal(steps, Sum("trainservice_training_steps_total{"));
        Assert.Equal(2 * 3 * 200, Sum("trainservice_training_samples_total{"));
        Assert.Equal(3, series["trainservice_predict_duration_seconds_count"]);
        Assert.Equal(1, series["trainservice_predictor_cache_total{result=\"miss\"}"]);
        Assert.Equal(2, series["trainservice_predictor_cache_total{result=\"hit\"}"]);
        Assert.Equal(2, Sum("trainservice_worker_capacity{"));
        Assert.True(series["trainservice_live_workers{kind=\"servers\"}"] >= 1);
        Assert.DoesNotContain(series.Keys, key => ids.Any(id => key.Contains(id.ToString())));
    }

    [Theory]
    [InlineData(1, 3, 0)] // A, B, A with room for one model: B evicts A, so A is loaded again
    [InlineData(2, 2, 1)] // room for both: the second A is a hit
    public async Task PredictorCache_EvictsTheLeastRecentlyUsedModel(int cacheSize, int misses, int hits)
    {
        await using var factory = new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:PredictorCacheSize"] = cacheSize.ToString() } };
        var client = factory.CreateClient();
        var a = (await (await client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1))).ReadAsync<JobResponse>()).Id;
        var b = (await (await client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 2))).ReadAsync<JobResponse>()).Id;
        await client.WaitForFinalStateAsync(a);
        await client.WaitForFinalStateAsync(b);

        foreach (var id in new[] { a, b, a })
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonTextAsync($"/api/jobs/{id}/predict", """{"inputs": [[1,0]]}""")).StatusCode);

        var series = Parse(await client.GetStringAsync("/metrics"));
        Assert.Equal(misses, series["trainservice_predictor_cache_total{result=\"miss\"}"]);
        Assert.Equal(hits, series.GetValueOrDefault("trainservice_predictor_cache_total{result=\"hit\"}"));
    }

    [Fact]
    public async Task LiveAndReady_AnswerHealthy()
    {
        Assert.Equal("Healthy", await Client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await Client.GetStringAsync("/health/ready"));
    }
}
