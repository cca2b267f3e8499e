using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// The batches of one epoch, in the order of its permutation. A split that fits in
/// <see cref="MaxGatheredBytes"/> (by default) is gathered once for the epoch and each batch is a view of the
/// copy; a larger one is gathered batch by batch. Both give the same rows in the same order.
/// </summary>
public sealed class EpochBatches : IDisposable
{
    // The copy saves two native calls a step; above this it would cost more memory than it saves time.
    public const long MaxGatheredBytes = 256L << 20;

    readonly TensorPair data;
    readonly Tensor order;
    readonly TensorPair? gathered;

    public EpochBatches(TensorPair data, Tensor order, long maxGatheredBytes = MaxGatheredBytes)
    {
        this.data = data;
        this.order = order;
        long bytes = data.X.NumberOfElements * data.X.ElementSize + data.Y.NumberOfElements * data.Y.ElementSize;
        gathered = bytes <= maxGatheredBytes ? data.Gather(order) : null;
    }

    public int Rows => data.Rows;

    /// <summary>Rows [start, start + rows) of the epoch's order.</summary>
    public (Tensor X, Tensor Y) Take(int start, int rows)
    {
        if (gathered is { } copy) return (copy.X.narrow(0, start, rows), copy.Y.narrow(0, start, rows));
        var index = order.narrow(0, start, rows);
        return (data.X.index_select(0, index), data.Y.index_select(0, index));
    }

    public void Dispose() => gathered?.Dispose();
}
