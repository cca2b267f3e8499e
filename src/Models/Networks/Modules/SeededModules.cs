using TorchSharp;

namespace TrainService.Models.Networks.Modules;

/// <summary>The generator states of every <see cref="SeededModule"/> in a network, in module order, for checkpoints.</summary>
public static class SeededModules
{
    public static IReadOnlyList<byte[]> Capture(torch.nn.Module model) =>
        model.modules().OfType<SeededModule>().Select(m => m.CaptureState()).ToList();

    public static void Restore(torch.nn.Module model, IReadOnlyList<byte[]> states)
    {
        var modules = model.modules().OfType<SeededModule>().ToList();
        if (states.Count != modules.Count)
            throw new InvalidDataException($"The network has {modules.Count} seeded modules; the checkpoint holds {states.Count} generator states.");
        for (int i = 0; i < modules.Count; i++) modules[i].RestoreState(states[i]);
    }
}
