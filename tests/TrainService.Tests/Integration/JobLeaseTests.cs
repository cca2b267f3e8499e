using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>Hangfire delivers at least once: a second delivery of a job another worker is training must back off.</summary>
public sealed class JobLeaseTests() : ServiceTest(new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:WorkerLostAfter"] = LostAfter.ToString() } })
{
    static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task ASecondWorker_CannotClaimARunningJob_UntilTheLeaseExpires()
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).ReadAsync<JobResponse>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await Client.GetAsync($"/api/jobs/{job.Id}")).ReadAsync<JobResponse>()).Status != JobStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never started");
            await Task.Delay(50);
        }
        var services = Factory.Services;
        var dbFactory = Factory.Services.GetRequiredService<IDbContextFactory<TrainDbContext>>();
        var otherWorker = new WorkerIdentity("other");
        var other = new JobLease(dbFactory, otherWorker, TimeProvider.System, LostAfter);

        Assert.Null(await other.TryClaimAsync(job.Id, CancellationToken.None));
        // The same job delivered to that other worker waits one lease period; the holder keeps renewing, so it
        // throws, and Hangfire retries it later instead of training it twice.
        var secondDelivery = new TrainingJob(dbFactory, services.GetRequiredService<JobProgress>(), other, otherWorker, services.GetRequiredService<JobWatcher>(),
            services.GetRequiredService<TrainingRunServices>(), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrainService.Jobs.TrainServiceOptions>>(),
            TimeProvider.System, services.GetRequiredService<TrainService.Jobs.Monitoring.ServiceMetrics>(),
            services.GetRequiredService<IJobEndedHandler>(), services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TrainingJob>>());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => secondDelivery.RunAsync(job.Id, CancellationToken.None));
        Assert.Contains("leased by another worker that is still renewing it", refused.Message);
        Assert.Equal(JobStatus.Running, (await (await Client.GetAsync($"/api/jobs/{job.Id}")).ReadAsync<JobResponse>()).Status);

        // A holder that stopped renewing: once its lease has run out, the job may be claimed.
        await using (var db = await dbFactory.CreateDbContextAsync())
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.NotNull(await other.TryClaimAsync(job.Id, CancellationToken.None));
        await Client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
    }
}
