using TrainService.Jobs.Storage;

namespace TrainService.Tests.Unit.Storage;

/// <summary>Write-to-temp-then-rename: a reader sees the old blob or the whole new one, never a half-written one.</summary>
public sealed class FileArtifactStoreTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "trainservice-artifacts", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void AWriteThatFailsHalfway_LeavesThePreviousBlob_AndNoTempFile()
    {
        var store = new FileArtifactStore(root);
        store.Write("jobs/a/checkpoints/final.bin", stream => stream.Write([1, 2, 3]));

        Assert.Throws<IOException>(() => store.Write("jobs/a/checkpoints/final.bin", stream =>
        {
            stream.Write([9, 9, 9, 9, 9]);
            throw new IOException("disk gone mid-write");
        }));

        using var read = store.OpenRead("jobs/a/checkpoints/final.bin");
        var bytes = new MemoryStream();
        read.CopyTo(bytes);
        Assert.Equal([1, 2, 3], bytes.ToArray());
        Assert.Equal(["final.bin"], Directory.GetFiles(Path.Combine(root, "jobs", "a", "checkpoints")).Select(Path.GetFileName));
    }

    [Fact]
    public void WhileAWriteIsUnderWay_TheKeyShowsNothingNew()
    {
        var store = new FileArtifactStore(root);
        bool seenDuringWrite = true;

        store.Write("blob.bin", stream =>
        {
            stream.Write([4, 5]);
            seenDuringWrite = store.Exists("blob.bin");
        });

        Assert.False(seenDuringWrite, "the half-written blob was visible under its key");
        Assert.True(store.Exists("blob.bin"));
    }

    [Fact]
    public void AKeyOutsideTheRoot_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new FileArtifactStore(root).Write("../escape.bin", stream => stream.WriteByte(1)));
}
