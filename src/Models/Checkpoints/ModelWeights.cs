using static TorchSharp.torch;

namespace TrainService.Models.Checkpoints;

/// <summary>Writes and reads a module's parameters and buffers in TorchSharp's binary format.</summary>
public static class ModelWeights
{
    public static void Save(nn.Module model, Stream destination)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        model.save(writer);
    }

    public static void Load(nn.Module model, Stream source)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        model.load(reader);
    }
}
