using TrainService.Models.Optimizers;

namespace TrainService.Models.Checkpoints;

/// <summary>Optimizer state (every buffer and the step count) into and out of a checkpoint, for built-in and custom optimizers alike.</summary>
public static class OptimizerStateIO
{
    public static void Save(ITrainingOptimizer optimizer, BinaryWriter writer)
    {
        writer.Flush();
        optimizer.SaveState(writer.BaseStream);
    }

    // BinaryReader reads exactly the bytes asked for, so the stream stands right after the model's weights.
    public static void Load(ITrainingOptimizer optimizer, BinaryReader reader) => optimizer.LoadState(reader.BaseStream);
}
