namespace TrainService.Jobs.Storage;

/// <summary>Where each kind of blob lives; keys are built only here, from ids, never from user text.</summary>
public static class ArtifactKeys
{
    public static string Checkpoint(Guid jobId, string name) => $"jobs/{jobId:N}/checkpoints/{name}.bin";

    /// <summary>An uploaded dataset's rows as canonical CSV (features, then targets).</summary>
    public static string Dataset(Guid datasetId) => $"datasets/{datasetId:N}.csv";

    /// <summary>The class decoding and input standardizer predict applies for a job's model.</summary>
    public static string Preprocessing(Guid jobId) => $"jobs/{jobId:N}/preprocessing.json";
}
