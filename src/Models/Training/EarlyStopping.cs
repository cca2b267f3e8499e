using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>
/// Watches a validation metric; keeps a copy of the weights at the best epoch so that the
/// model handed back after stopping (or after the last epoch) is the best one, not the last.
/// Its counters (<see cref="Capture"/>) and the best weights (<see cref="SaveBest"/>) travel in
/// checkpoints, so a resumed run keeps counting patience where the interrupted one left off.
/// </summary>
public sealed class EarlyStopping(EarlyStoppingSpec spec) : IDisposable
{
    readonly Dictionary<string, Tensor> best = [];
    double bestValue = double.NaN;
    int badEpochs;

    public int BestEpoch { get; private set; }

    /// <summary>Records the epoch; true when training should stop.</summary>
    public bool ShouldStop(EpochMetrics metrics, nn.Module model)
    {
        double? value = spec.Monitor == EarlyStoppingMetric.ValLoss ? metrics.ValLoss : metrics.ValAccuracy;
        if (value is not { } current) return false;
        bool lowerIsBetter = spec.Monitor == EarlyStoppingMetric.ValLoss;
        bool improved = double.IsNaN(bestValue) || (lowerIsBetter ? current < bestValue - spec.MinDelta : current > bestValue + spec.MinDelta);
        if (!improved) return ++badEpochs >= spec.Patience;
        bestValue = current;
        badEpochs = 0;
        BestEpoch = metrics.Epoch;
        Snapshot(model);
        return false;
    }

    /// <summary>Copies the best weights back into the model (nothing when no epoch was recorded).</summary>
    public void RestoreBest(nn.Module model)
    {
        if (best.Count == 0) return;
        using var noGrad = no_grad();
        foreach (var (name, tensor) in model.state_dict()) tensor.copy_(best[name]);
    }

    public EarlyStoppingSnapshot Capture() => new(double.IsNaN(bestValue) ? null : bestValue, badEpochs, BestEpoch);

    public void Restore(EarlyStoppingSnapshot snapshot) =>
        (bestValue, badEpochs, BestEpoch) = (snapshot.BestValue ?? double.NaN, snapshot.BadEpochs, snapshot.BestEpoch);

    /// <summary>Writes a flag and, when an epoch was recorded, the best weights in the model's state_dict order.</summary>
    public void SaveBest(BinaryWriter writer, nn.Module model)
    {
        writer.Write(best.Count > 0);
        if (best.Count == 0) return;
        foreach (var (name, _) in model.state_dict()) best[name].Save(writer);
    }

    /// <summary>Reads what <see cref="SaveBest"/> wrote, shaped like the model's tensors.</summary>
    public void LoadBest(BinaryReader reader, nn.Module model)
    {
        Dispose();
        if (!reader.ReadBoolean()) return;
        foreach (var (name, tensor) in model.state_dict())
        {
            var copy = tensor.detach().clone().DetachFromDisposeScope();
            best[name] = copy;
            TensorExtensionMethods.Load(copy, reader);
        }
    }

    void Snapshot(nn.Module model)
    {
        foreach (var (name, tensor) in model.state_dict())
        {
            if (best.Remove(name, out var old)) old.Dispose();
            best[name] = tensor.detach().clone().DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        foreach (var tensor in best.Values) tensor.Dispose();
        best.Clear();
    }
}

/// <summary>Early stopping's counters, small enough to travel in a checkpoint's JSON header.</summary>
public sealed record EarlyStoppingSnapshot(double? BestValue, int BadEpochs, int BestEpoch);
