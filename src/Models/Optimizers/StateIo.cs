using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// The binary layout of optimizer state: a header naming the optimizer, then tensors as shape
/// plus float32 values. Reading checks the name and every shape, so state from a different
/// optimizer or model fails loudly instead of loading garbage.
/// </summary>
public static class StateIo
{
    public static void WriteHeader(BinaryWriter writer, string name, long stepCount, double learningRate)
    {
        writer.Write(name);
        writer.Write(stepCount);
        writer.Write(learningRate);
    }

    public static (long StepCount, double LearningRate) ReadHeader(BinaryReader reader, string expectedName)
    {
        string name = reader.ReadString();
        if (name != expectedName)
            throw new InvalidDataException($"the optimizer state belongs to '{name}', not '{expectedName}'");
        return (reader.ReadInt64(), reader.ReadDouble());
    }

    public static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        writer.Write(tensor.shape.Length);
        foreach (long d in tensor.shape) writer.Write(d);
        using var flat = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        foreach (float v in flat.data<float>()) writer.Write(v);
    }

    /// <summary>Reads a tensor written by <see cref="WriteTensor"/> into <paramref name="target"/>, which must have the same shape.</summary>
    public static void ReadInto(BinaryReader reader, Tensor target)
    {
        using var loaded = ReadTensor(reader);
        if (!loaded.shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"the optimizer state has a tensor of shape [{string.Join(",", loaded.shape)}] where [{string.Join(",", target.shape)}] was expected");
        using (no_grad()) target.copy_(loaded);
    }

    public static Tensor ReadTensor(BinaryReader reader, Device? device = null)
    {
        int rank = reader.ReadInt32();
        var shape = new long[rank];
        for (int i = 0; i < rank; i++) shape[i] = reader.ReadInt64();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = reader.ReadSingle();
        return tensor(values, shape, device: device);
    }
}
