using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>A job's lease is renewed on a clock that starts at the claim, however late its watcher starts.</summary>
public sealed class LeaseRenewalTests : ServiceTest
{
    static readonly TimeSpan Duration = TimeSpan.FromSeconds(9);

    [Fact]
    public async Task AWatcherStartedLateAfterTheClaim_RenewsBeforeTheClaimsLeaseRunsOut()
    {
        var dbFactory = Factory.Services.GetRequiredService<IDbContextFactory<TrainDbContext>>();
        var id = Guid.CreateVersion7();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            // A job no worker of this host will take: it is not in the queue.
            db.Jobs.Add(new JobRow { Id = id, Name = "leased", Status = JobStatus.Queued, SpecJson = "{}", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var lease = new JobLease(dbFactory, new WorkerIdentity("slow-starter"), TimeProvider.System, Duration);
        var claimedAt = (await lease.TryClaimAsync(id, CancellationToken.None))!.Value;

        // Set-up between the claim and the watcher (reading the checkpoint, deleting later metrics) took 70% of the lease.
        await Task.Delay(Duration * 0.7);
        var watcher = new JobWatcher(Factory.Services.GetRequiredService<JobProgress>(), lease, Factory.Services.GetRequiredService<IOptions<TrainServiceOptions>>(),
            TimeProvider.System, NullLogger<JobWatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var watching = watcher.WatchAsync(id, claimedAt, stop);
        var firstExpiry = claimedAt + Duration;
        DateTimeOffset expiry;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((expiry = await ExpiryAsync(dbFactory, id)) <= firstExpiry.AddMilliseconds(1))
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease was never renewed");
            await Task.Delay(20);
        }
        await stop.CancelAsync();
        await watching;

        // The renewal's instant is its new expiry less one lease: it came while the claim's lease still held.
        var renewedAt = expiry - Duration;
        Assert.True(renewedAt < firstExpiry, $"renewed at {renewedAt:O}, after the claim's lease ran out at {firstExpiry:O}");
    }

    static async Task<DateTimeOffset> ExpiryAsync(IDbContextFactory<TrainDbContext> dbFactory, Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return (await db.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.LeaseExpiresAt).SingleAsync())!.Value;
    }
}
