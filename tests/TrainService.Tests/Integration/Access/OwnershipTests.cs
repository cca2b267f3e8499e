using System.Net;
using System.Text;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using TrainService.Tests.Integration.Datasets;
using TrainService.Tests.Integration.Studies;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// Keys mode, three keys: owner A (submit), owner B (submit), admin; plus a read-only key of A's.
/// B trains a job, uploads a dataset and starts a study; on every endpoint that takes an id, B
/// gets its answer and A gets the 404 a made-up id gets (never 403: A must not learn the id
/// exists). A read key cannot submit (403); the admin sees both owners; a revoked key is 401 at once.
/// </summary>
public sealed class OwnershipTests : IAsyncLifetime
{
    readonly TrainServiceFactory factory = KeysMode.Factory();
    HttpClient admin = null!, a = null!, b = null!, readOnly = null!;
    CreatedApiKeyResponse keyA = null!;
    JobResponse jobB = null!;
    DatasetResponse datasetB = null!;
    StudyResponse studyB = null!;

    public async Task InitializeAsync()
    {
        admin = factory.ClientWith(KeysMode.AdminKey);
        keyA = await admin.CreateKeyAsync("alice-laptop", "alice", Scope.Submit);
        a = factory.ClientWith(keyA.Key);
        b = factory.ClientWith((await admin.CreateKeyAsync("bob-laptop", "bob", Scope.Submit)).Key);
        readOnly = factory.ClientWith((await admin.CreateKeyAsync("alice-dashboard", "alice", Scope.Read)).Key);

        jobB = await b.TrainToSuccessAsync(Specs.Xor(epochs: 2, samples: 16, batchSize: 8));
        var upload = await b.PostAsync("/api/datasets", DatasetForms.Csv("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", "binary", "y"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        datasetB = await upload.ReadAsync<DatasetResponse>();
        var study = await b.PostJsonTextAsync("/api/studies", StudySpecs.Study(
            """[{"path": "$.optimizer.lr", "label": "lr", "values": [0.05, 0.1]}]""", seeds: "[1]", baseSpec: StudySpecs.XorBase(epochs: 1, samples: 16)));
        Assert.Equal(HttpStatusCode.Created, study.StatusCode);
        studyB = await study.ReadAsync<StudyResponse>();
    }

    /// <summary>Every resource endpoint that names one of B's resources, with what B itself gets.</summary>
    IEnumerable<(string Name, Func<HttpClient, Guid, Task<HttpResponseMessage>> Call, Guid Id, HttpStatusCode Owner)> ResourceEndpoints() =>
    [
        ("GET job", (c, id) => c.GetAsync($"/api/jobs/{id}"), jobB.Id, HttpStatusCode.OK),
        ("GET metrics", (c, id) => c.GetAsync($"/api/jobs/{id}/metrics"), jobB.Id, HttpStatusCode.OK),
        ("GET step metrics", (c, id) => c.GetAsync($"/api/jobs/{id}/metrics/steps"), jobB.Id, HttpStatusCode.OK),
        ("GET diagnostics", (c, id) => c.GetAsync($"/api/jobs/{id}/diagnostics"), jobB.Id, HttpStatusCode.OK),
        ("GET results", (c, id) => c.GetAsync($"/api/jobs/{id}/results"), jobB.Id, HttpStatusCode.OK),
        ("GET events", (c, id) => c.GetAsync($"/api/jobs/{id}/events"), jobB.Id, HttpStatusCode.OK),
        ("GET plot", (c, id) => c.GetAsync($"/api/jobs/{id}/plots/loss"), jobB.Id, HttpStatusCode.OK),
        ("GET compare", (c, id) => c.GetAsync($"/api/compare?jobs={id}"), jobB.Id, HttpStatusCode.OK),
        ("GET checkpoints", (c, id) => c.GetAsync($"/api/jobs/{id}/checkpoints"), jobB.Id, HttpStatusCode.OK),
        ("download checkpoint", (c, id) => c.GetAsync($"/api/jobs/{id}/checkpoints/final"), jobB.Id, HttpStatusCode.OK),
        ("predict", (c, id) => c.PostJsonTextAsync($"/api/jobs/{id}/predict", """{"inputs": [[0, 1]]}"""), jobB.Id, HttpStatusCode.OK),
        // B's job is finished: B hears 409 (nothing to cancel), which still says it exists.
        ("cancel job", (c, id) => c.PostAsync($"/api/jobs/{id}/cancel", null), jobB.Id, HttpStatusCode.Conflict),
        ("GET dataset", (c, id) => c.GetAsync($"/api/datasets/{id}"), datasetB.Id, HttpStatusCode.OK),
        ("GET study", (c, id) => c.GetAsync($"/api/studies/{id}"), studyB.Id, HttpStatusCode.OK),
    ];

    [Fact]
    public async Task AnotherOwnersResources_Answer404LikeAMadeUpId_WhileTheOwnerGetsThem()
    {
        var failures = new List<string>();
        foreach (var (name, call, id, ownerStatus) in ResourceEndpoints())
        {
            var asOwner = await call(b, id);
            var asOther = await call(a, id);
            var madeUp = await call(a, Guid.CreateVersion7());
            if (asOwner.StatusCode != ownerStatus) failures.Add($"{name}: owner got {(int)asOwner.StatusCode}, expected {(int)ownerStatus}");
            if (asOther.StatusCode != HttpStatusCode.NotFound) failures.Add($"{name}: other owner got {(int)asOther.StatusCode}, expected 404");
            else if (await Title(asOther) != await Title(madeUp)) failures.Add($"{name}: other owner's 404 differs from a made-up id's");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task AnotherOwner_CannotDeleteOrCancel_BsDatasetAndStudy()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await a.DeleteAsync($"/api/datasets/{datasetB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsync($"/api/studies/{studyB.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/api/datasets/{datasetB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.PostAsync($"/api/studies/{studyB.Id}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Lists_ShowOnlyTheCallersOwnResources_AndTheAdminSeesBoth()
    {
        var jobA = await (await a.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).ReadAsync<JobResponse>();

        var listA = await (await a.GetAsync("/api/jobs?pageSize=200")).ReadAsync<PagedList<JobSummary>>();
        var listB = await (await b.GetAsync("/api/jobs?pageSize=200")).ReadAsync<PagedList<JobSummary>>();
        var listAdmin = await (await admin.GetAsync("/api/jobs?pageSize=200")).ReadAsync<PagedList<JobSummary>>();
        Assert.Equal([jobA.Id], listA.Items.Select(j => j.Id));
        Assert.Contains(jobB.Id, listB.Items.Select(j => j.Id));
        Assert.DoesNotContain(jobA.Id, listB.Items.Select(j => j.Id));
        Assert.Contains(jobA.Id, listAdmin.Items.Select(j => j.Id));
        Assert.Contains(jobB.Id, listAdmin.Items.Select(j => j.Id));

        Assert.Empty((await (await a.GetAsync("/api/datasets")).ReadAsync<PagedList<DatasetResponse>>()).Items);
        Assert.Contains(datasetB.Id, (await (await admin.GetAsync("/api/datasets")).ReadAsync<PagedList<DatasetResponse>>()).Items.Select(d => d.Id));
        Assert.Empty(await (await a.GetAsync("/api/studies")).ReadAsync<List<StudySummary>>());
        Assert.Contains(studyB.Id, (await (await admin.GetAsync("/api/studies")).ReadAsync<List<StudySummary>>()).Select(s => s.Id));

        foreach (var path in new[] { $"/api/jobs/{jobB.Id}", $"/api/jobs/{jobB.Id}/checkpoints/final", $"/api/datasets/{datasetB.Id}", $"/api/studies/{studyB.Id}" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task AnotherOwnersCheckpointAndDataset_CannotBeUsedInASpec()
    {
        string warm = Specs.Xor(epochs: 1).Replace("\"training\":", $"\"warmStart\": {{\"jobId\": \"{jobB.Id}\", \"checkpoint\": \"final\"}}, \"training\":");
        var fromA = await a.PostJsonTextAsync("/api/jobs", warm);
        Assert.Equal(HttpStatusCode.BadRequest, fromA.StatusCode);
        Assert.Equal($"no job has id {jobB.Id}", (await fromA.ReadValidationErrorsAsync())["$.warmStart.jobId"][0]);
        Assert.Equal(HttpStatusCode.Created, (await b.PostJsonTextAsync("/api/jobs", warm)).StatusCode);

        string onDataset = $$$"""
            {"name": "on-b-data", "dataset": {"kind": "uploaded", "datasetId": "{{{datasetB.Id}}}"},
             "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 1, "activation": "sigmoid"}]},
             "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.05}, "training": {"epochs": 1, "batchSize": 4}}
            """;
        var datasetFromA = await a.PostJsonTextAsync("/api/jobs", onDataset);
        Assert.Equal(HttpStatusCode.BadRequest, datasetFromA.StatusCode);
        Assert.Contains($"no uploaded dataset has id {datasetB.Id}", (await datasetFromA.ReadValidationErrorsAsync())["$.dataset.datasetId"][0]);
        Assert.Equal(HttpStatusCode.Created, (await b.PostJsonTextAsync("/api/jobs", onDataset)).StatusCode);
    }

    [Fact]
    public async Task TwoOwners_MayUseTheSameIdempotencyKey_AndGetTheirOwnJobs()
    {
        var requestA = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(Specs.Xor(epochs: 1), Encoding.UTF8, "application/json") };
        requestA.Headers.Add("Idempotency-Key", "nightly-1");
        var requestB = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(Specs.Xor(epochs: 1), Encoding.UTF8, "application/json") };
        requestB.Headers.Add("Idempotency-Key", "nightly-1");
        var jobA = await (await a.SendAsync(requestA)).ReadAsync<JobResponse>();
        var responseB = await b.SendAsync(requestB);
        Assert.Equal(HttpStatusCode.Created, responseB.StatusCode);
        Assert.NotEqual(jobA.Id, (await responseB.ReadAsync<JobResponse>()).Id);
    }

    [Fact]
    public async Task ReadKey_CannotSubmitCancelUploadOrDelete_403NamingTheScope()
    {
        var submit = await readOnly.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1));
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Contains("'submit' scope; the key has 'read'", await submit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync($"/api/jobs/{jobB.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/datasets", DatasetForms.Csv("x,y\n1,0\n", "binary", "y"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.DeleteAsync($"/api/datasets/{datasetB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostJsonTextAsync("/api/studies", StudySpecs.Study(StudySpecs.ThreeOptimizers))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/jobs")).StatusCode);
        // Keys are the admin's alone.
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync("/api/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.PostJsonTextAsync("/api/keys", """{"name": "mine", "scopes": ["admin"]}""")).StatusCode);
    }

    [Fact]
    public async Task RevokedKey_Is401OnTheNextRequest_AndNoKeyOrAWrongKeyIs401()
    {
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/keys/{keyA.Details.Id}")).StatusCode);
        var revoked = await a.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("Bearer", revoked.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(keyA.Key + "x").GetAsync("/api/jobs")).StatusCode);
        var listed = await (await admin.GetAsync("/api/keys")).ReadAsync<List<ApiKeyResponse>>();
        Assert.NotNull(listed.Single(k => k.Id == keyA.Details.Id).RevokedAt);
        Assert.DoesNotContain(keyA.Key, await (await admin.GetAsync("/api/keys")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task XApiKeyHeader_WorksLikeBearer()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", KeysMode.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jobs/{jobB.Id}")).StatusCode);
    }

    static async Task<string?> Title(HttpResponseMessage response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("title").GetString();
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
