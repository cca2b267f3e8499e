namespace TrainService.Jobs.Storage;

/// <summary>Where artifacts live: files under the data folder (default), or an S3-compatible bucket every machine can reach.</summary>
public sealed class ArtifactStoreOptions
{
    public const string Section = "TrainService:Artifacts";

    /// <summary><c>filesystem</c> or <c>s3</c>.</summary>
    public string Store { get; set; } = "filesystem";

    public S3StoreOptions S3 { get; set; } = new();
}

/// <summary>An S3 bucket. ServiceUrl set means an S3-compatible server (MinIO, s3rver…), addressed path-style.</summary>
public sealed class S3StoreOptions
{
    public string? ServiceUrl { get; set; }
    public string Bucket { get; set; } = "trainservice";
    public string Region { get; set; } = "us-east-1";
    /// <summary>Keys under this prefix, so several deployments can share a bucket.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Static credentials; when absent the SDK's default chain (environment, profile, instance role) applies.</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
}
