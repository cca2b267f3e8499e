using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Saves and restores a CPU generator's state as bytes.</summary>
public static class GeneratorState
{
    // libtorch aborts the whole process on a state of any other length (see the pitfalls note).
    const int CpuStateBytes = 5056;

    public static byte[] Capture(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    public static void Restore(Generator generator, byte[] state)
    {
        if (state.Length != CpuStateBytes)
            throw new InvalidDataException($"A generator state has {CpuStateBytes} bytes; the checkpoint holds {state.Length}.");
        using var tensor = torch.tensor(state, dtype: ScalarType.Byte);
        generator.set_state(tensor);
    }
}
