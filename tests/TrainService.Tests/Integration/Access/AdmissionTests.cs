using System.Net;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// Limits are checked and the job inserted as one step: a burst of concurrent submissions can
/// never all see room for themselves. The jobs are long and the only worker is busy, so no job
/// finishes (and frees room) during the burst.
/// </summary>
public sealed class AdmissionTests
{
    static readonly string LongJob = Specs.Xor(epochs: 100_000);

    [Fact]
    public async Task BurstOf200_WithAnOwnerQuotaOf20_AcceptsExactly20_AndRefusesTheRestWith429RetryAfter()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string>
        {
            ["TrainService:Auth:MaxActiveJobsPerOwner"] = "20",
            ["TrainService:Auth:RequestsPerSecond"] = "0",
            ["TrainService:TrainingWorkers"] = "1",
        });
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var owner = factory.ClientWith((await admin.CreateKeyAsync("burst", "burst", Scope.Submit)).Key);
        var other = factory.ClientWith((await admin.CreateKeyAsync("other", "other", Scope.Submit)).Key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => owner.PostJsonTextAsync("/api/jobs", LongJob)));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter?.Delta));
        Assert.Contains("20 jobs queued or running", await refused[0].Content.ReadAsStringAsync());
        var listed = await (await owner.GetAsync("/api/jobs?pageSize=200")).ReadAsync<PagedList<JobSummary>>();
        Assert.Equal(20, listed.Total);
        // The quota is the owner's: another owner still gets in.
        Assert.Equal(HttpStatusCode.Created, (await other.PostJsonTextAsync("/api/jobs", LongJob)).StatusCode);
        foreach (var job in listed.Items) await owner.PostAsync($"/api/jobs/{job.Id}/cancel", null);
    }

    [Fact]
    public async Task BurstOf200_WithMaxQueuedJobs20_LeavesExactly20Queued()
    {
        await using var factory = new TrainServiceFactory
        {
            Settings = new Dictionary<string, string> { ["TrainService:MaxQueuedJobs"] = "20", ["TrainService:TrainingWorkers"] = "1" },
        };
        var client = factory.CreateClient();
        var blocker = await (await client.PostJsonTextAsync("/api/jobs", LongJob)).ReadAsync<JobResponse>();
        await WaitUntilRunningAsync(client, blocker.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.PostJsonTextAsync("/api/jobs", LongJob)));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(180, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(20, (await (await client.GetAsync("/api/jobs?status=queued")).ReadAsync<PagedList<JobSummary>>()).Total);
        foreach (var id in responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location!.ToString()).Append($"/api/jobs/{blocker.Id}"))
            await client.PostAsync($"{id}/cancel", null);
    }

    [Fact]
    public async Task UploadsBeyondTheOwnersByteQuota_Are429_AndStoreNothing()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string> { ["TrainService:Auth:MaxUploadedBytesPerOwner"] = "8000" });
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var owner = factory.ClientWith((await admin.CreateKeyAsync("uploader", "uploader", Scope.Submit)).Key);
        var other = factory.ClientWith((await admin.CreateKeyAsync("neighbour", "neighbour", Scope.Submit)).Key);
        string csv = "a,b,y\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i % 10}.5,{i % 7}.25,{i % 2}\n"));

        var first = await (await owner.PostAsync("/api/datasets", Datasets.DatasetForms.Csv(csv, "binary", "y"))).ReadAsync<DatasetResponse>();
        Assert.InRange(first.SizeBytes, 4001, 8000); // one fits, two do not
        var second = await owner.PostAsync("/api/datasets", Datasets.DatasetForms.Csv(csv, "binary", "y"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Contains("8000 bytes of uploaded datasets", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, (await (await owner.GetAsync("/api/datasets")).ReadAsync<PagedList<DatasetResponse>>()).Total);
        Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "artifacts"), "*", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync("/api/datasets", Datasets.DatasetForms.Csv(csv, "binary", "y"))).StatusCode);
        // Deleting frees the room again.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/datasets/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/datasets", Datasets.DatasetForms.Csv(csv, "binary", "y"))).StatusCode);
    }

    [Fact]
    public async Task AStudyWhoseJobsExceedTheOwnersQuota_IsRefusedWhole()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string> { ["TrainService:Auth:MaxActiveJobsPerOwner"] = "2" });
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var owner = factory.ClientWith((await admin.CreateKeyAsync("student", "student", Scope.Submit)).Key);

        var refused = await owner.PostJsonTextAsync("/api/studies", Studies.StudySpecs.Study(Studies.StudySpecs.ThreeOptimizers, seeds: "[1]"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("2 jobs queued or running", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, (await (await owner.GetAsync("/api/jobs")).ReadAsync<PagedList<JobSummary>>()).Total);
        Assert.Empty(await (await owner.GetAsync("/api/studies")).ReadAsync<List<StudySummary>>());
    }

    static async Task WaitUntilRunningAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await client.GetAsync($"/api/jobs/{id}")).ReadAsync<JobResponse>()).Status != JobStatus.Running)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id} never started");
            await Task.Delay(20);
        }
    }
}
