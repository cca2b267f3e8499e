using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using TrainService.Tests.Integration.Studies;

namespace TrainService.Tests.Integration;

/// <summary>
/// Deleting a job or a study removes every row that names its jobs and every stored file they
/// had, read back from the database and the artifact folder themselves; jobs still training are refused or stopped first.
/// </summary>
public sealed class DeleteTests : ServiceTest
{
    static string Checkpointed(int epochs) =>
        Specs.Xor(epochs).Replace("\"training\":", "\"checkpoints\": {\"everyEpochs\": 1, \"keepLast\": 3}, \"training\":");

    string ArtifactFolder(Guid job) => Path.Combine(Factory.DataDirectory, "artifacts", "jobs", job.ToString("N"));

    async Task<long> RowsNamingAsync(Guid job)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "trainservice.db")};Pooling=False");
        await connection.OpenAsync();
        long rows = 0;
        foreach (var (table, column) in new[] { ("Jobs", "Id"), ("Metrics", "JobId"), ("Checkpoints", "JobId"), ("PathologyEvents", "JobId"), ("StudyJobs", "JobId") })
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE upper(\"{column}\") = upper($id)";
            count.Parameters.AddWithValue("$id", job.ToString());
            rows += (long)(await count.ExecuteScalarAsync())!;
        }
        return rows;
    }

    [Fact]
    public async Task FinishedJob_IsDeleted_WithItsRowsAndFiles()
    {
        var job = await Client.TrainToSuccessAsync(Checkpointed(epochs: 4));
        Assert.NotEmpty(Directory.EnumerateFiles(ArtifactFolder(job.Id), "*", SearchOption.AllDirectories));
        Assert.True(await RowsNamingAsync(job.Id) > 10);

        var deleted = await Client.DeleteAsync($"/api/jobs/{job.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/jobs/{job.Id}/checkpoints")).StatusCode);
        Assert.Equal(0, await RowsNamingAsync(job.Id));
        Assert.Empty(Directory.Exists(ArtifactFolder(job.Id)) ? Directory.EnumerateFiles(ArtifactFolder(job.Id), "*", SearchOption.AllDirectories) : []);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
    }

    [Fact]
    public async Task CheckpointFileAlreadyGone_DeleteStillSucceeds()
    {
        var job = await Client.TrainToSuccessAsync(Checkpointed(epochs: 3));
        foreach (var file in Directory.EnumerateFiles(ArtifactFolder(job.Id), "*.bin", SearchOption.AllDirectories).Take(2)) File.Delete(file);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(0, await RowsNamingAsync(job.Id));
    }

    [Fact]
    public async Task RunningJob_Is409_UntilCancelled()
    {
        var created = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000, samples: 2000))).ReadAsync<JobResponse>();

        var refused = await Client.DeleteAsync($"/api/jobs/{created.Id}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cancel", await refused.Content.ReadAsStringAsync());

        await Client.PostAsync($"/api/jobs/{created.Id}/cancel", null);
        Assert.Equal(JobStatus.Cancelled, (await Client.WaitForFinalStateAsync(created.Id)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/jobs/{created.Id}")).StatusCode);
        Assert.Equal(0, await RowsNamingAsync(created.Id));
    }

    [Fact]
    public async Task JobOfAStudy_Is409_NamingTheStudy()
    {
        var created = await (await Client.PostJsonTextAsync("/api/studies",
            StudySpecs.Study("""[{"path": "$.optimizer.lr", "values": [0.05]}]""", seeds: "[1]", baseSpec: StudySpecs.XorBase(epochs: 1)))).ReadAsync<StudyResponse>();
        var study = await Client.WaitForStudyAsync(created.Id);

        var refused = await Client.DeleteAsync($"/api/jobs/{study.Jobs[0].JobId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(study.Id.ToString(), await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RunningStudy_IsCancelledThenDeleted_WithEveryJob()
    {
        var body = StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 2]", baseSpec: StudySpecs.XorBase(epochs: 100_000, samples: 2000)
            .Replace("\"training\":", "\"checkpoints\": {\"everyEpochs\": 1}, \"training\":"));
        var created = await (await Client.PostJsonTextAsync("/api/studies", body)).ReadAsync<StudyResponse>();
        // Let at least one job start and write checkpoints, so a trainer is stopping while the delete runs.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Directory.Exists(ArtifactFolder(created.Jobs[0].JobId)) || !Directory.EnumerateFiles(ArtifactFolder(created.Jobs[0].JobId), "*.bin", SearchOption.AllDirectories).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the first job never wrote a checkpoint");
            await Task.Delay(50);
        }

        var deleted = await Client.DeleteAsync($"/api/studies/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/studies/{created.Id}")).StatusCode);
        Assert.Empty((await Client.GetFromJsonAsync<List<StudySummary>>("/api/studies", ContractJson.Options))!);
        foreach (var job in created.Jobs)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/jobs/{job.JobId}")).StatusCode);
            Assert.Equal(0, await RowsNamingAsync(job.JobId));
            Assert.Empty(Directory.Exists(ArtifactFolder(job.JobId)) ? Directory.EnumerateFiles(ArtifactFolder(job.JobId), "*", SearchOption.AllDirectories) : []);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/studies/{created.Id}")).StatusCode);
    }
}
