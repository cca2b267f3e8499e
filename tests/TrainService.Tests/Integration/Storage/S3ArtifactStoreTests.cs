using System.Net;
using System.Security.Cryptography;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Storage;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Storage;

/// <summary>The S3 artifact store against a real S3-compatible server: exact bytes back, and a whole job run on it.</summary>
public sealed class S3ArtifactStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    S3StoreOptions Options(string prefix) => new()
    {
        ServiceUrl = s3.ServiceUrl, Bucket = S3rverFixture.Bucket, AccessKey = S3rverFixture.AccessKey, SecretKey = S3rverFixture.SecretKey, Prefix = prefix,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3_000_000)]
    public void WrittenBytes_ReadBackExactly(int size)
    {
        using var store = new S3ArtifactStore(Options($"t{Guid.NewGuid():N}/"));
        var bytes = RandomNumberGenerator.GetBytes(size);

        long written = store.Write("jobs/a/checkpoints/final.bin", stream => stream.Write(bytes));

        Assert.Equal(size, written);
        using var read = store.OpenRead("jobs/a/checkpoints/final.bin");
        var copy = new MemoryStream();
        read.CopyTo(copy);
        // A chunk-encoded upload would come back with its framing ("…;chunk-signature=…") around the bytes.
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(copy.ToArray()));
        Assert.Equal(size, copy.Length);
    }

    [Fact]
    public void Exists_Delete_AndAMissingObject_BehaveLikeTheFileStore()
    {
        using var store = new S3ArtifactStore(Options($"t{Guid.NewGuid():N}/"));
        store.Write("x.bin", stream => stream.WriteByte(7));

        Assert.True(store.Exists("x.bin"));
        store.Delete("x.bin");
        Assert.False(store.Exists("x.bin"));
        Assert.Throws<FileNotFoundException>(() => store.OpenRead("x.bin"));
        store.Delete("x.bin"); // already gone: no error, as GC of old checkpoints expects
    }

    [Fact]
    public async Task AJob_TrainsCheckpointsAndPredicts_WithItsArtifactsInTheBucket()
    {
        string prefix = $"app{Guid.NewGuid():N}/";
        await using var factory = new TrainServiceFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["TrainService:Artifacts:Store"] = "s3",
                ["TrainService:Artifacts:S3:ServiceUrl"] = s3.ServiceUrl,
                ["TrainService:Artifacts:S3:Bucket"] = S3rverFixture.Bucket,
                ["TrainService:Artifacts:S3:AccessKey"] = S3rverFixture.AccessKey,
                ["TrainService:Artifacts:S3:SecretKey"] = S3rverFixture.SecretKey,
                ["TrainService:Artifacts:S3:Prefix"] = prefix,
            },
        };
        var client = factory.CreateClient();
        var job = await (await client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 20))).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await client.WaitForFinalStateAsync(job.Id)).Status);

        var downloaded = await client.GetByteArrayAsync($"/api/jobs/{job.Id}/checkpoints/final");
        using var bucket = new S3ArtifactStore(Options(prefix));
        using var stored = bucket.OpenRead(ArtifactKeys.Checkpoint(job.Id, "final"));
        var copy = new MemoryStream();
        stored.CopyTo(copy);
        Assert.Equal(SHA256.HashData(copy.ToArray()), SHA256.HashData(downloaded));
        Assert.True(bucket.Exists(ArtifactKeys.Preprocessing(job.Id)));
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "artifacts", "jobs")), "nothing went to the local disk");
        var predicted = await client.PostJsonTextAsync($"/api/jobs/{job.Id}/predict", """{"inputs": [[0,1]]}""");
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
