using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>Cancelling a study cancels its jobs; unknown ids are 404s; a data folder from before studies gets their tables.</summary>
public sealed class StudyLifecycleTests : ServiceTest
{
    [Fact]
    public async Task Cancel_CancelsEveryJob_AndTheStudyReadsCancelled()
    {
        var body = StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 2]", baseSpec: StudySpecs.XorBase(epochs: 100_000, samples: 2000));
        var created = await (await Client.PostJsonTextAsync("/api/studies", body)).ReadAsync<StudyResponse>();
        var cancel = await Client.PostAsync($"/api/studies/{created.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var study = await Client.WaitForStudyAsync(created.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(JobStatus.Cancelled, study.Status);
        Assert.All(study.Jobs, j => Assert.Equal(JobStatus.Cancelled, j.Status));
        Assert.All(study.Arms, a => Assert.Equal((0, null), (a.N, a.Rank)));
    }

    [Fact]
    public async Task OpenApi_DescribesTheStudyBaseAsATrainingSpec()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var studyBase = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("StudySpec").GetProperty("properties").GetProperty("base");
        Assert.Equal("#/components/schemas/TrainingSpec", studyBase.GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task UnknownStudy_Is404ProblemDetails()
    {
        var id = Guid.NewGuid();
        foreach (var response in new[] { await Client.GetAsync($"/api/studies/{id}"), await Client.PostAsync($"/api/studies/{id}/cancel", null) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync());
        }
        var badFormat = await Client.GetAsync($"/api/studies/{id}?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("format", (await badFormat.ReadValidationErrorsAsync()).Keys);
    }
}

/// <summary>A data folder created before studies existed gets the study tables at start-up (EnsureCreated alone would not).</summary>
public sealed class OlderDatabaseStudyTablesTests
{
    [Fact]
    public async Task DatabaseWithoutStudyTables_GetsThem_AndAcceptsAStudy()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        try
        {
            await LegacyDataFolder.CreateAsync(folder, "DROP TABLE StudyJobs; DROP TABLE Studies;");

            await using var second = new TrainServiceFactory { Settings = settings, Postgres = false };
            var client = second.CreateClient();
            var created = await client.PostJsonTextAsync("/api/studies",
                StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [0.05]}]""", seeds: "[1]", baseSpec: StudySpecs.XorBase(epochs: 1)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var study = await client.WaitForStudyAsync((await created.ReadAsync<StudyResponse>()).Id);
            Assert.Equal(JobStatus.Succeeded, study.Status);
            Assert.Single((await client.GetFromJsonAsync<List<StudySummary>>("/api/studies", ContractJson.Options))!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
