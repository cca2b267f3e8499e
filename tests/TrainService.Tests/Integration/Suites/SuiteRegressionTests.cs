using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Models.Training;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Suites;

/// <summary>
/// Acceptance 2: a suite run twice the same way marks nothing; with a slowdown injected in the next
/// run its arms are marked as speed regressions; with a quality drop (the base's learning rate cut
/// 500-fold: same suite version and the same arms, every arm trains less) they are marked as quality regressions.
/// </summary>
public sealed class SuiteRegressionTests : ServiceTest
{
    static readonly string Folder = Directory.CreateTempSubdirectory("suites").FullName;

    public SuiteRegressionTests() : base(new TrainServiceFactory
    {
        Settings = new Dictionary<string, string> { ["TrainService:Suites:Directory"] = Folder },
        ConfigureServices = services => services.AddSingleton<ITrainingObserverFactory>(Slowdown),
    })
    {
        File.WriteAllText(Path.Combine(Folder, "blobs.json"), SuiteFiles.Blobs("blobs"));
    }

    static readonly EpochDelay Slowdown = new();

    [Fact]
    public async Task SameRunTwice_MarksNothing_SlowerRunMarksSpeed_WorseRunMarksQuality()
    {
        // Every epoch sleeps, in every run, once: speed is then set by the sleep, not by the shared
        // machine's load. (Under load a step's few hundred microseconds of CPU take tens of milliseconds
        // of wall time, and each wake-up waits for a core; one long sleep per epoch dwarfs both.) So two
        // runs without a change agree within the 10% the speed mark allows.
        Slowdown.Milliseconds = 1000;
        var first = await Client.RunSuiteAsync("blobs");
        Assert.Null(first.BaselineRunId);
        Assert.Empty(first.Regressions);

        var second = await Client.RunSuiteAsync("blobs");
        Assert.Equal(first.Id, second.BaselineRunId);
        Assert.All(second.Parts.Single().Arms, a => Assert.Equal((false, false), (a.QualityRegression, a.SpeedRegression)));
        Assert.Empty(second.Regressions);
        // Same seeds, same thread count: the same numbers, so the baseline's figures are this run's.
        Assert.All(second.Parts.Single().Arms, a => Assert.Equal(a.Baseline!.Mean, a.Mean));

        Slowdown.Milliseconds = 3000;
        var slower = await Client.RunSuiteAsync("blobs");
        Assert.Equal(second.Id, slower.BaselineRunId);
        Assert.All(slower.Parts.Single().Arms, a => Assert.True(a.SpeedRegression, $"{a.Label}: {a.SamplesPerSecond} vs {a.Baseline!.SamplesPerSecond} samples/s"));
        Assert.DoesNotContain(slower.Regressions, r => r.Kind == "quality");
        Assert.Equal(2, slower.Regressions.Count(r => r.Kind == "speed"));
        string metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains("trainservice_suite_regressions{suite=\"blobs\",size=\"smoke\",kind=\"speed\"} 2", metrics);
        Assert.Contains("trainservice_suite_regressions{suite=\"blobs\",size=\"smoke\",kind=\"quality\"} 0", metrics);

        Slowdown.Milliseconds = 1000;
        File.WriteAllText(Path.Combine(Folder, "blobs.json"), SuiteFiles.Blobs("blobs", lr: 0.0001));
        var worse = await Client.RunSuiteAsync("blobs");
        Assert.Equal(slower.Id, worse.BaselineRunId);
        Assert.All(worse.Parts.Single().Arms, a => Assert.True(a.QualityRegression, $"{a.Label}: {a.Mean} vs CI [{a.Baseline!.CiLow}, {a.Baseline.CiHigh}]"));
        Assert.DoesNotContain(worse.Regressions, r => r.Kind == "speed");

        string markdown = await Client.GetStringAsync($"/api/suites/blobs/runs/{worse.Id}/report");
        Assert.Contains($"baseline {slower.Id}", markdown);
        Assert.Contains("| **quality** |", markdown);
        Assert.Contains("**quality** — blobs / units=4", markdown);
        string html = await Client.GetStringAsync($"/api/suites/blobs/runs/{worse.Id}/report?format=html");
        Assert.Contains("<td class=\"reg\">quality</td>", html);
        Assert.Contains("<svg", html);
        var study = worse.Parts.Single().StudyId;
        Assert.Contains($"src=\"/api/studies/{study}/plots/curves\"", html);
        Assert.Equal("image/png", (await Client.GetAsync($"/api/studies/{study}/plots/curves")).Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The test's slowdown: the first step of every epoch sleeps this long (inside the epoch's timing).</summary>
    sealed class EpochDelay : ITrainingObserverFactory
    {
        public volatile int Milliseconds;

        public ITrainingObserver Create(Guid jobId) => new Observer(this);

        sealed class Observer(EpochDelay delay) : ITrainingObserver
        {
            int sleptIn;

            public void OnStep(StepMetrics metrics)
            {
                if (metrics.Epoch == sleptIn) return;
                sleptIn = metrics.Epoch;
                Thread.Sleep(delay.Milliseconds);
            }

            public void OnEpochEnd(EpochMetrics metrics, TrainingSession session) { }
        }
    }
}

public static class SuiteRuns
{
    /// <summary>POST …/runs (smoke), then poll the run until it finishes.</summary>
    public static async Task<SuiteRunResponse> RunSuiteAsync(this HttpClient client, string suite, string size = "smoke", TimeSpan? timeout = null)
    {
        var asked = await client.PostJsonTextAsync($"/api/suites/{suite}/runs", $$"""{"size": "{{size}}"}""");
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
        var id = (await asked.ReadAsync<SuiteRunResponse>()).Id;
        Assert.Equal($"/api/suites/{suite}/runs/{id}", asked.Headers.Location?.OriginalString);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180));
        while (true)
        {
            var run = (await client.GetFromJsonAsync<SuiteRunResponse>($"/api/suites/{suite}/runs/{id}", ContractJson.Options))!;
            if (run.Status is not (JobStatus.Queued or JobStatus.Running)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Suite run {id} still {run.Status} after the timeout.");
            await Task.Delay(100);
        }
    }
}
