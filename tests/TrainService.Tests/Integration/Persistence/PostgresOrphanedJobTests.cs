using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Persistence;

/// <summary>
/// PostgreSQL mode: an api process that died between storing a job and enqueueing it left the row queued
/// with no queue entry. An api process enqueues it (once: a job that has its entry is left alone) and a
/// worker trains it, whatever the run's mode.
/// </summary>
public sealed class PostgresOrphanedJobTests
{
    static Dictionary<string, string> Role(string role, string name) => new()
    {
        ["TrainService:Role"] = role,
        ["TrainService:WorkerName"] = name,
        ["TrainService:TrainingWorkers"] = "1",
        ["TrainService:OrphanedJobAfter"] = "00:00:01",
    };

    [Fact]
    public async Task AJobStoredButNeverEnqueued_IsEnqueuedOnce_AndTrained()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        // Two api processes: both look for orphans, one at a time.
        await using var api = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("api", "api-one") };
        await using var otherApi = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("api", "api-two") };
        try
        {
            var client = api.CreateClient();
            otherApi.CreateClient();
            var submitted = await (await client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).ReadAsync<JobResponse>();
            var orphan = await InsertOrphanAsync(api, Specs.Xor(epochs: 1, samples: 16, batchSize: 8));

            var storage = api.Services.GetRequiredService<JobStorage>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!LiveTrainingJobs.Read(storage).Contains(orphan))
            {
                Assert.True(DateTime.UtcNow < deadline, "the orphaned job was never enqueued");
                await Task.Delay(100);
            }
            // Both jobs are now older than OrphanedJobAfter, and both api processes have had rounds since (one every 0.5 s);
            // a round finds each job in the queue and enqueues nothing.
            var later = submitted.CreatedAt + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
            if (later > TimeSpan.Zero) await Task.Delay(later);
            var sweeper = api.Services.GetRequiredService<QueuedOrphanSweeper>();
            int? enqueued;
            while ((enqueued = await sweeper.SweepAsync(CancellationToken.None)) is null) await Task.Delay(50); // the other api's round holds the lock
            Assert.Equal(0, enqueued);
            Assert.Equal(2, storage.GetMonitoringApi().EnqueuedCount(TrainingQueues.Cpu));

            await using var worker = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = Role("worker", "worker-one") };
            worker.CreateClient();
            foreach (var id in new[] { submitted.Id, orphan })
            {
                var done = await client.WaitForFinalStateAsync(id);
                Assert.True(done.Status == JobStatus.Succeeded, $"{id}: {done.Status} {done.FailureReason}");
                Assert.Equal("worker-one", Assert.Single(done.Attempts!).Worker);
            }
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(database);
        }
    }

    /// <summary>A job row as the api stores it before enqueueing, submitted a minute ago.</summary>
    static async Task<Guid> InsertOrphanAsync(TrainServiceFactory api, string specJson)
    {
        var spec = JsonSerializer.Deserialize<TrainingSpec>(specJson, ContractJson.Options)!;
        var created = DateTimeOffset.UtcNow.AddMinutes(-1);
        created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerMillisecond));
        var row = new JobRow { Id = Guid.CreateVersion7(created), Name = "orphan", Status = JobStatus.Queued, SpecJson = JsonSerializer.Serialize(spec, ContractJson.Options), CreatedAt = created };
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<TrainDbContext>>().CreateDbContextAsync();
        db.Jobs.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
