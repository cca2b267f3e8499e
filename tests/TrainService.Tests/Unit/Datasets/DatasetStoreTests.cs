using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using Microsoft.Extensions.Options;
using TrainService.Jobs;
using TrainService.Jobs.Access;
using TrainService.Jobs.Datasets;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;

namespace TrainService.Tests.Unit.Datasets;

public sealed class DatasetStoreTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    sealed class Factory(string database, bool createSchema) : IDbContextFactory<TrainDbContext>
    {
        public TrainDbContext CreateDbContext()
        {
            var db = new TrainDbContext(new DbContextOptionsBuilder<TrainDbContext>().UseSqlite($"Data Source={database}").Options);
            if (createSchema) db.Database.EnsureCreated();
            return db;
        }
    }

    static Admission Admit() => new(new AdmissionLock(), Options.Create(new TrainServiceOptions()), Options.Create(new AccessOptions()));

    static ValidatedDataset Sample() => new("s", DatasetTask.Binary, ["a", "b"], ["y"], [1, 2, 3, 4.5f], [0, 1], 2, 2, new Dictionary<string, int> { ["0"] = 1, ["1"] = 1 });

    [Fact]
    public async Task FailedRowInsert_RemovesTheBlobItWroteFirst()
    {
        Directory.CreateDirectory(folder);
        var artifacts = new FileArtifactStore(Path.Combine(folder, "artifacts"));
        // No schema: the insert fails after the blob is written, as a full disk or lost database would.
        var store = new DatasetStore(new Factory(Path.Combine(folder, "broken.db"), createSchema: false), artifacts, TimeProvider.System, Admit());

        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => store.CreateAsync(Sample(), CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "artifacts"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task StoredDataset_LoadsBackWithItsShape()
    {
        Directory.CreateDirectory(folder);
        var store = new DatasetStore(new Factory(Path.Combine(folder, "ok.db"), createSchema: true), new FileArtifactStore(Path.Combine(folder, "artifacts")), TimeProvider.System, Admit());
        var (created, refusal) = await store.CreateAsync(Sample(), CancellationToken.None);
        Assert.Equal(Refusal.None, refusal);

        var data = store.Load(created!.Id);
        Assert.Equal([2], data.Shape.FeatureShape);
        Assert.Equal(2, data.Shape.Classes);
        Assert.Equal([1f, 2f, 3f, 4.5f], data.Features);
        Assert.Equal([0f, 1f], data.Targets);
        Assert.Null(store.Describe(Guid.NewGuid()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
