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
    public async Task AnObject_CarriesTheSha256OfTheBytesItsWriterSent()
    {
        string prefix = $"t{Guid.NewGuid():N}/";
        using var store = new S3ArtifactStore(Options(prefix));
        var bytes = RandomNumberGenerator.GetBytes(10_000);

        store.Write("c.bin", stream => stream.Write(bytes));

        using var raw = RawClient();
        var metadata = await raw.GetObjectMetadataAsync(S3rverFixture.Bucket, prefix + "c.bin");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), metadata.Metadata["x-amz-meta-sha256"]);
    }

    [Fact]
    public async Task AnObjectWhoseBytesDifferFromWhatWasWritten_IsRefusedOnRead()
    {
        string prefix = $"t{Guid.NewGuid():N}/";
        using var store = new S3ArtifactStore(Options(prefix));
        store.Write("c.bin", stream => stream.Write(new byte[] { 1, 2, 3 }));
        using var raw = RawClient();
        string written = (await raw.GetObjectMetadataAsync(S3rverFixture.Bucket, prefix + "c.bin")).Metadata["x-amz-meta-sha256"];
        // Someone else's bytes under the writer's checksum: what a torn or tampered object looks like to a reader.
        var replaced = new Amazon.S3.Model.PutObjectRequest { BucketName = S3rverFixture.Bucket, Key = prefix + "c.bin", InputStream = new MemoryStream([1, 2, 4]), UseChunkEncoding = false };
        replaced.Metadata[S3ArtifactStore.Sha256Metadata] = written;
        await raw.PutObjectAsync(replaced);

        var refused = Assert.Throws<InvalidDataException>(() => store.OpenRead("c.bin"));
        Assert.Contains(written, refused.Message);
    }

    Amazon.S3.AmazonS3Client RawClient() => new(
        new Amazon.Runtime.BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.SecretKey),
        new Amazon.S3.AmazonS3Config { ServiceURL = s3.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

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
