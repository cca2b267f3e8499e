namespace TrainService.Jobs.Storage;

/// <summary>
/// Artifacts as files under one root folder, written to a temp file and moved into place. The
/// rename makes a blob appear whole or not at all, which is what a killed process needs; we do not
/// fsync each write (checkpoints can come every epoch), so an OS crash may lose the newest blobs.
/// </summary>
public sealed class FileArtifactStore(string root) : IArtifactStore
{
    readonly string root = Path.GetFullPath(root);

    public long Write(string key, Action<Stream> write)
    {
        string path = Resolve(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            long size;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                size = stream.Length;
            }
            File.Move(temp, path, overwrite: true);
            return size;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream OpenRead(string key) => new FileStream(Resolve(key), FileMode.Open, FileAccess.Read, FileShare.Read);

    public bool Exists(string key) => File.Exists(Resolve(key));

    public void Delete(string key)
    {
        string path = Resolve(key);
        if (File.Exists(path)) File.Delete(path);
    }

    // Keys are built by ArtifactKeys, but the store still refuses anything that escapes its root.
    string Resolve(string key)
    {
        string path = Path.GetFullPath(Path.Combine(root, key));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Artifact key '{key}' points outside the store.", nameof(key));
        return path;
    }
}
