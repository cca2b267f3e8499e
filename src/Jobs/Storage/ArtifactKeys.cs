namespace TrainService.Jobs.Storage;

/// <summary>Where each kind of blob lives; keys are built only here, from ids, never from user text.</summary>
public static class ArtifactKeys
{
    public static string Checkpoint(Guid jobId, string name) => $"jobs/{jobId:N}/checkpoints/{name}.bin";
}
