using TrainService.Models.Data;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>A dataset split as two tensors on the training device: X [N, ...shape] and Y [N, targetWidth].</summary>
public sealed class TensorPair(Tensor x, Tensor y) : IDisposable
{
    public Tensor X { get; } = x;
    public Tensor Y { get; } = y;
    // Read once: TorchSharp's shape property costs about a microsecond (it builds an array), and the step asks every time.
    public int Rows { get; } = (int)x.size(0);

    public static TensorPair From(InMemoryDataset data, Device device)
    {
        long[] featureShape = [data.Rows, .. data.Shape.FeatureShape.Select(d => (long)d)];
        var x = tensor(data.Features, featureShape, device: device);
        var y = tensor(data.Targets, [data.Rows, data.Shape.TargetWidth], device: device);
        return new TensorPair(x, y);
    }

    /// <summary>The rows in the given order, as a new pair.</summary>
    public TensorPair Gather(Tensor order) => new(X.index_select(0, order), Y.index_select(0, order));

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}
