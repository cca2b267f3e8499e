using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Suites;

/// <summary>Listing, scheduling (configuration and API, as Hangfire recurring jobs) and bad requests.</summary>
public sealed class SuiteEndpointTests : ServiceTest
{
    static readonly string Folder = Directory.CreateTempSubdirectory("suites").FullName;

    public SuiteEndpointTests() : base(new TrainServiceFactory
    {
        Settings = new Dictionary<string, string>
        {
            ["TrainService:Suites:Directory"] = Folder,
            ["TrainService:Suites:Schedules:nightly"] = "0 2 * * *",
        },
    })
    {
        File.WriteAllText(Path.Combine(Folder, "nightly.json"), SuiteFiles.Blobs("nightly"));
        File.WriteAllText(Path.Combine(Folder, "adhoc.json"), SuiteFiles.Blobs("adhoc"));
        File.WriteAllText(Path.Combine(Folder, "broken.json"), "{\"name\": ");
    }

    [Fact]
    public async Task List_ShowsEverySuite_WithSizesAndTheConfiguredSchedule_AsRecurringJobs()
    {
        var suites = (await Client.GetFromJsonAsync<List<SuiteSummary>>("/api/suites", ContractJson.Options))!;
        Assert.Equal(["adhoc", "nightly"], suites.Select(s => s.Name));
        Assert.Equal(new SuiteSchedule("0 2 * * *", "full", "configuration"), suites[1].Schedule);
        Assert.Null(suites[0].Schedule);
        Assert.Equal(["smoke", "full"], suites[0].Sizes.Select(s => s.Name));
        Assert.Equal("0 2 * * *", RecurringCron("suite:nightly:full"));
        Assert.Equal(Cron.Never(), RecurringCron("suite:nightly:smoke"));
    }

    [Fact]
    public async Task PutSchedule_SetsTheCron_ThenNullFallsBackToConfiguration()
    {
        var set = await Client.PutAsJsonAsync("/api/suites/nightly/schedule", new { cron = "*/30 * * * *", size = "smoke" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new SuiteSchedule("*/30 * * * *", "smoke", "api"), (await set.ReadAsync<SuiteSummary>()).Schedule);
        Assert.Equal("*/30 * * * *", RecurringCron("suite:nightly:smoke"));
        Assert.Equal(Cron.Never(), RecurringCron("suite:nightly:full"));

        var removed = await Client.PutAsJsonAsync("/api/suites/nightly/schedule", new { cron = (string?)null });
        Assert.Equal("configuration", (await removed.ReadAsync<SuiteSummary>()).Schedule!.Source);
        Assert.Equal("0 2 * * *", RecurringCron("suite:nightly:full"));
        Assert.Equal(Cron.Never(), RecurringCron("suite:nightly:smoke"));
    }

    [Fact]
    public async Task BadRequests_Are4xx_NamingTheField()
    {
        var badCron = await Client.PutAsJsonAsync("/api/suites/adhoc/schedule", new { cron = "every night" });
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Contains("$.cron", (await badCron.ReadValidationErrorsAsync()).Keys);
        Assert.Equal(Cron.Never(), RecurringCron("suite:adhoc:full"));

        var badSize = await Client.PostJsonTextAsync("/api/suites/adhoc/runs", """{"size": "huge"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Contains("smoke, full", (await badSize.ReadValidationErrorsAsync())["$.size"][0]);

        var unknownField = await Client.PostJsonTextAsync("/api/suites/adhoc/runs", """{"sise": "smoke"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);

        foreach (var missing in new[] { await Client.PostJsonTextAsync("/api/suites/broken/runs", "{}"), await Client.GetAsync("/api/suites/nope/runs"),
                     await Client.GetAsync($"/api/suites/adhoc/runs/{Guid.NewGuid()}"), await Client.GetAsync($"/api/suites/adhoc/runs/{Guid.NewGuid()}/report") })
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("\"title\"", await missing.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/api/suites/adhoc/runs/{Guid.NewGuid()}/report?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task Run_RecordsTheStampedBuildAndTheMachine_AndIsListed()
    {
        var run = await Client.RunSuiteAsync("adhoc");
        Assert.Equal(JobStatus.Succeeded, run.Status);
        Assert.Matches(new Regex(@"\+[0-9a-f]{40}$"), run.ServiceVersion);
        Assert.Equal(Environment.ProcessorCount, run.Machine!.Cores);
        Assert.Equal("api", run.Trigger);
        var arms = run.Parts.Single().Arms;
        Assert.Equal(2, arms.Count);
        Assert.All(arms, a => Assert.True(a is { N: 3, CiLow: not null, CiHigh: not null, SamplesPerSecond: > 0 }, a.ToString()));
        var listed = (await Client.GetFromJsonAsync<List<SuiteRunSummary>>("/api/suites/adhoc/runs", ContractJson.Options))!;
        Assert.Equal(run.Id, Assert.Single(listed).Id);
    }

    string? RecurringCron(string id)
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == id)?.Cron;
    }
}
