using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Checkpoints;

/// <summary>Optimizer state (every buffer and the step count) into and out of a checkpoint.</summary>
public static class OptimizerStateIO
{
    public static void Save(optim.Optimizer optimizer, BinaryWriter writer) => Helper(optimizer).save_state_dict(writer);

    public static void Load(optim.Optimizer optimizer, BinaryReader reader) => Helper(optimizer).load_state_dict(reader);

    // TorchSharp's managed optimizers (and ours, which derive from OptimizerHelper) carry their state there.
    static OptimizerHelper Helper(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"{optimizer.GetType().Name} cannot save its state.");
}
