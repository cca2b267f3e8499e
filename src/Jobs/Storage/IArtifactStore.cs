namespace TrainService.Jobs.Storage;

/// <summary>
/// Blob storage for checkpoints and other artifacts. Writes are all-or-nothing: a reader sees
/// the previous blob or the complete new one, never half of one.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Writes a blob through <paramref name="write"/> and returns its size in bytes.</summary>
    long Write(string key, Action<Stream> write);

    /// <summary>Opens a blob for reading; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Stream OpenRead(string key);

    bool Exists(string key);

    void Delete(string key);
}
