using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Persistence;

/// <summary>PostgreSQL mode with the roles apart: hosts sharing one database on the throw-away server, whatever the run's mode.</summary>
public sealed class PostgresRolesTests
{
    static Dictionary<string, string> Role(string role, string? worker = null, string device = "cpu") => new()
    {
        ["TrainService:Role"] = role,
        ["TrainService:WorkerName"] = worker ?? role,
        ["TrainService:Device"] = device,
        ["TrainService:TrainingWorkers"] = "1",
    };

    [Fact]
    public async Task TwoHostsStartingAtOnce_MigrateOnce_AndBothServe()
    {
        string database = await PostgresCluster.CreateDatabaseAsync(empty: true);
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        await using var first = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("api") };
        await using var second = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("worker") };
        try
        {
            // Both start-ups run their migrations at the same moment; the advisory lock makes the second wait.
            var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
            Assert.Equal(HttpStatusCode.OK, (await clients[0].GetAsync("/api/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await clients[1].GetAsync("/health/ready")).StatusCode);

            await using var db = first.Services.GetRequiredService<IDbContextFactory<TrainDbContext>>().CreateDbContext();
            Assert.IsType<PostgresTrainDbContext>(db);
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(db.Database.GetMigrations(), applied);
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task ApiEnqueues_WorkerInAnotherHostTrains_AndTheJobRecordsIt()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        await using var api = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("api") };
        try
        {
            var client = api.CreateClient();
            // No worker is alive: a cuda spec is refused, naming the reason; a cpu job waits in the queue.
            var cuda = await client.PostJsonTextAsync("/api/specs/validate", Specs.Xor(epochs: 1).Replace("\"name\"", "\"device\": \"cuda\", \"name\""));
            Assert.Equal(HttpStatusCode.BadRequest, cuda.StatusCode);
            Assert.Contains("no live worker", string.Join(" ", (await cuda.ReadValidationErrorsAsync())["$.device"]));
            var queued = await (await client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 2))).ReadAsync<JobResponse>();
            await Task.Delay(500);
            Assert.Equal(JobStatus.Queued, (await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{queued.Id}", ContractJson.Options))!.Status);

            await using var worker = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("worker", "worker-one") };
            var workerClient = worker.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await workerClient.GetAsync("/api/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await workerClient.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await workerClient.GetAsync("/metrics")).StatusCode);

            var done = await client.WaitForFinalStateAsync(queued.Id);
            Assert.Equal(JobStatus.Succeeded, done.Status);
            var attempt = Assert.Single(done.Attempts!);
            Assert.Equal("worker-one", attempt.Worker);
            Assert.Equal(0, attempt.FromEpoch);

            // A worker advertising CUDA makes the same spec acceptable.
            await using var gpu = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("worker", "gpu-one", "cuda") };
            gpu.CreateClient();
            var accepted = await client.PostJsonTextAsync("/api/specs/validate", Specs.Xor(epochs: 1).Replace("\"name\"", "\"device\": \"cuda\", \"name\""));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void WorkerRole_OnTheEmbeddedStorage_RefusesToStart_SayingWhy()
    {
        using var factory = new TrainServiceFactory { Postgres = false, Settings = Role("worker") };
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("needs TrainService:Storage 'postgres'", error.ToString());
    }
}
