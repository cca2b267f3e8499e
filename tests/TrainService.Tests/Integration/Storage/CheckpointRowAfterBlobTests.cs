using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Storage;

/// <summary>A checkpoint row is written only after its blob is complete: a failed write leaves no row pointing at nothing.</summary>
public sealed class CheckpointRowAfterBlobTests() : ServiceTest(new TrainServiceFactory
{
    ConfigureServices = services =>
    {
        services.RemoveAll<IArtifactStore>();
        services.AddSingleton<IArtifactStore, FailingStore>();
    },
})
{
    [Fact]
    public async Task AFailedBlobWrite_LeavesNoRow_AndASuccessfulOneLeavesOne()
    {
        var checkpoints = Factory.Services.GetRequiredService<CheckpointStore>();
        var job = Guid.NewGuid();

        Assert.Throws<IOException>(() => checkpoints.SaveBytes(job, "fails", new MemoryStream([1, 2, 3]), epoch: 1, step: 10, metricValue: null));
        checkpoints.SaveBytes(job, "works", new MemoryStream([4, 5]), epoch: 2, step: 20, metricValue: null);

        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<TrainDbContext>>().CreateDbContextAsync();
        Assert.Equal(["works"], await db.Checkpoints.Where(c => c.JobId == job).Select(c => c.Name).ToListAsync());
    }

    /// <summary>Files as usual, except that a blob named "fails" breaks off mid-write.</summary>
    sealed class FailingStore : IArtifactStore
    {
        readonly FileArtifactStore inner = new(Path.Combine(Path.GetTempPath(), "trainservice-failing", Guid.NewGuid().ToString("N")));

        public long Write(string key, Action<Stream> write) => inner.Write(key, stream =>
        {
            write(stream);
            if (key.EndsWith("/fails.bin", StringComparison.Ordinal)) throw new IOException("store gone mid-write");
        });

        public Stream OpenRead(string key) => inner.OpenRead(key);
        public bool Exists(string key) => inner.Exists(key);
        public void Delete(string key) => inner.Delete(key);
    }
}
