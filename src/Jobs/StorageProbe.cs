using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;

namespace TrainService.Jobs;

/// <summary>Whether the job database and the artifact store answer, for readiness checks.</summary>
public sealed class StorageProbe
{
    const string ProbeKey = "health/probe";
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly IArtifactStore artifacts;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal StorageProbe(IDbContextFactory<TrainDbContext> dbFactory, IArtifactStore artifacts)
    {
        this.dbFactory = dbFactory;
        this.artifacts = artifacts;
    }

    /// <summary>Whether a blob can be written and read back: a worker that cannot reach its store cannot save a checkpoint.</summary>
    public bool ArtifactsWritable()
    {
        try
        {
            byte[] expected = [1, 2, 3];
            artifacts.Write(ProbeKey, stream => stream.Write(expected));
            using var read = artifacts.OpenRead(ProbeKey);
            var actual = new byte[4];
            return read.Read(actual) == expected.Length && actual.AsSpan(0, 3).SequenceEqual(expected);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct);
    }
}
