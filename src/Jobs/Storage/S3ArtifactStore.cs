using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TrainService.Jobs.Storage;

/// <summary>
/// Artifacts as objects in an S3-compatible bucket, so API and workers on different machines share
/// checkpoints, uploads and preprocessing without a shared disk. A PUT makes an object appear whole
/// or not at all, which gives the same all-or-nothing view as the file store's rename.
/// Each object carries the SHA-256 of the bytes its writer sent (user metadata <c>sha256</c>), and
/// every read checks the bytes against it, so a reader on another machine never loads an object
/// that differs from what was written. The interface is synchronous (the training thread writes
/// checkpoints); calls block on the SDK.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    /// <summary>User metadata key of the writer's SHA-256 (hex); S3 returns it as <c>x-amz-meta-sha256</c>.</summary>
    public const string Sha256Metadata = "sha256";

    readonly IAmazonS3 s3;
    readonly string bucket, prefix;

    public S3ArtifactStore(S3StoreOptions options)
    {
        var config = new AmazonS3Config { AuthenticationRegion = options.Region };
        if (options.ServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true; // S3-compatible servers rarely resolve bucket.host names
        }
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        s3 = options.AccessKey is { Length: > 0 } key
            ? new AmazonS3Client(new BasicAWSCredentials(key, options.SecretKey), config)
            : new AmazonS3Client(config);
        bucket = options.Bucket;
        prefix = options.Prefix;
    }

    public long Write(string key, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = prefix + key,
            InputStream = buffer,
            AutoCloseStream = false,
            // Chunked (aws-chunked) uploads are stored with their framing by some S3-compatible servers (s3rver): send plain bytes.
            UseChunkEncoding = false,
        };
        request.Metadata[Sha256Metadata] = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        s3.PutObjectAsync(request).GetAwaiter().GetResult();
        return buffer.Length;
    }

    /// <summary>The whole object, in memory: callers read checkpoints sequentially and may hold the stream a while.</summary>
    public Stream OpenRead(string key)
    {
        try
        {
            using var response = s3.GetObjectAsync(bucket, prefix + key).GetAwaiter().GetResult();
            var copy = new MemoryStream();
            response.ResponseStream.CopyTo(copy);
            // Objects written before the checksum existed have none; they are read as they are.
            if (response.Metadata[Sha256Metadata] is { Length: > 0 } written)
            {
                string read = Convert.ToHexStringLower(SHA256.HashData(copy.GetBuffer().AsSpan(0, (int)copy.Length)));
                if (read != written) throw new InvalidDataException($"Artifact '{key}' read back with SHA-256 {read}; its writer stored {written}.");
            }
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"Artifact '{key}' is not in bucket '{bucket}'.", key, error);
        }
    }

    public bool Exists(string key)
    {
        try
        {
            s3.GetObjectMetadataAsync(bucket, prefix + key).GetAwaiter().GetResult();
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Deleting an object that is already gone succeeds, as S3 itself does.</summary>
    public void Delete(string key) => s3.DeleteObjectAsync(bucket, prefix + key).GetAwaiter().GetResult();

    public void Dispose() => s3.Dispose();
}
