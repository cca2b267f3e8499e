using System.Text;
using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Models.Checkpoints;

/// <summary>
/// One file holds everything a resumed run needs: a JSON header (format version, spec, progress
/// with the generator state), the model's parameters and buffers, the optimizer's state, then
/// (format 2) early stopping's best weights. Format 1 files, written before early stopping's
/// state was kept, still load: their runs resume with early stopping starting afresh.
/// </summary>
public static class CheckpointFile
{
    const string Magic = "TSCKPT";
    const int FormatVersion = 2;
    const int OldestReadable = 1;

    sealed record Header(int FormatVersion, TrainingSpec Spec, TrainingProgress Progress);

    public static void Write(Stream destination, TrainingSpec spec, TrainingProgress progress, nn.Module model, ITrainingOptimizer optimizer, EarlyStopping? stopping)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(JsonSerializer.Serialize(new Header(FormatVersion, spec, progress), ContractJson.Options));
        model.save(writer);
        writer.Flush();
        optimizer.SaveState(destination);
        if (stopping is null) writer.Write(false);
        else stopping.SaveBest(writer, model);
        writer.Flush();
    }

    /// <summary>Loads weights and optimizer state in place and returns the progress to continue from.</summary>
    public static TrainingProgress Read(Stream source, nn.Module model, ITrainingOptimizer optimizer, EarlyStopping? stopping)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        var header = ReadHeader(reader);
        model.load(reader);
        // BinaryReader reads exactly the bytes asked for, so the stream stands right after the model's weights.
        optimizer.LoadState(source);
        if (header.FormatVersion < 2 || stopping is null) return header.Progress with { EarlyStopping = null };
        stopping.LoadBest(reader, model);
        if (header.Progress.EarlyStopping is { } counters) stopping.Restore(counters);
        return header.Progress;
    }

    /// <summary>Loads only the weights (for predict and warm start).</summary>
    public static void ReadWeights(Stream source, nn.Module model)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        ReadHeader(reader);
        model.load(reader);
    }

    static Header ReadHeader(BinaryReader reader)
    {
        if (reader.ReadString() != Magic) throw new InvalidDataException("Not a TrainService checkpoint.");
        var header = JsonSerializer.Deserialize<Header>(reader.ReadString(), ContractJson.Options)
            ?? throw new InvalidDataException("The checkpoint header is empty.");
        if (header.FormatVersion is < OldestReadable or > FormatVersion)
            throw new InvalidDataException($"Checkpoint format {header.FormatVersion} is not supported (expected {OldestReadable} to {FormatVersion}).");
        return header;
    }
}
