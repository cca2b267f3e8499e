using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>A study lives in the data folder: a new host on the same folder reads the same study, table and plots.</summary>
public sealed class StudyRestartTests
{
    [Fact]
    public async Task FinishedStudy_ReadsTheSame_AfterTheServiceRestarts()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        try
        {
            StudyResponse before;
            string markdown;
            await using (var first = new TrainServiceFactory { Settings = settings })
            {
                var client = first.CreateClient();
                var created = await (await client.PostJsonTextAsync("/api/studies",
                    StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 2]", baseSpec: StudySpecs.XorBase(epochs: 5)))).ReadAsync<StudyResponse>();
                before = await client.WaitForStudyAsync(created.Id);
                Assert.Equal(JobStatus.Succeeded, before.Status);
                markdown = await client.GetStringAsync($"/api/studies/{created.Id}?format=markdown");
            }

            await using var second = new TrainServiceFactory { Settings = settings };
            var restarted = second.CreateClient();
            var after = (await restarted.GetFromJsonAsync<StudyResponse>($"/api/studies/{before.Id}", ContractJson.Options))!;

            Assert.Equal(JobStatus.Succeeded, after.Status);
            Assert.Equal(before.Jobs, after.Jobs);
            Assert.Equal(before.Arms.Select(a => (a.Arm, a.Rank, a.N, a.Mean, a.CiLow, a.CiHigh)), after.Arms.Select(a => (a.Arm, a.Rank, a.N, a.Mean, a.CiLow, a.CiHigh)));
            Assert.Equal(markdown, await restarted.GetStringAsync($"/api/studies/{before.Id}?format=markdown"));
            Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync($"/api/studies/{before.Id}/plots/curves")).StatusCode);
            Assert.Single((await restarted.GetFromJsonAsync<List<StudySummary>>("/api/studies", ContractJson.Options))!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
