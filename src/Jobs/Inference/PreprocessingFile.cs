using TrainService.Jobs.Storage;
using TrainService.Models.Checkpoints;

namespace TrainService.Jobs.Inference;

/// <summary>Reads a job's saved preprocessing; jobs trained before it existed have none.</summary>
public static class PreprocessingFile
{
    public static PreprocessingArtifact? Read(IArtifactStore artifacts, Guid jobId)
    {
        string key = ArtifactKeys.Preprocessing(jobId);
        if (!artifacts.Exists(key)) return null;
        using var stream = artifacts.OpenRead(key);
        return PreprocessingArtifact.Load(stream);
    }
}
