using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Storage;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// Applies the spec's checkpoint policy at each epoch end: track the best, write periodic ones,
/// keep the last K. An improved best is captured in memory and written to disk together with the
/// next periodic checkpoint (or when the run stops), so fast epochs that improve every time do not
/// pay a file and a database write each; on disk, <c>best</c> is always the best up to the newest
/// periodic checkpoint, which is the one a resumed run starts from.
/// </summary>
internal sealed class CheckpointPolicyObserver(Guid jobId, CheckpointPolicy policy, CheckpointStore checkpoints, MetricsWriter writer) : ITrainingObserver
{
    MemoryStream? pendingBest;
    (int Epoch, long Step, double Value) pendingBestAt;

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        var metric = policy.BestMetric ?? (session.HasValidation ? BestMetric.ValLoss : BestMetric.TrainLoss);
        if (Value(metrics, metric) is { } value && IsBetter(metric, value, session.Progress.BestMetricValue))
        {
            // Recorded before capturing so every later checkpoint carries the best value to a resumed run.
            session.RecordBest(value);
            pendingBest ??= new MemoryStream();
            pendingBest.SetLength(0);
            session.SaveCheckpoint(pendingBest);
            pendingBestAt = (session.Progress.EpochsCompleted, session.Progress.GlobalStep, value);
        }
        if (policy.EveryEpochs > 0 && metrics.Epoch % policy.EveryEpochs == 0)
        {
            writer.Flush();
            FlushBest();
            checkpoints.Save(jobId, CheckpointNames.Periodic(metrics.Epoch), session);
            checkpoints.PrunePeriodic(jobId, policy.KeepLast);
        }
    }

    /// <summary>Writes a best checkpoint still held in memory; called whenever the run stops, however it stops.</summary>
    public void FlushBest()
    {
        if (pendingBest is null) return;
        checkpoints.SaveBytes(jobId, CheckpointNames.Best, pendingBest, pendingBestAt.Epoch, pendingBestAt.Step, pendingBestAt.Value);
        pendingBest.Dispose();
        pendingBest = null;
    }

    static double? Value(EpochMetrics metrics, BestMetric metric) => metric switch
    {
        BestMetric.TrainLoss => metrics.TrainLoss,
        BestMetric.ValLoss => metrics.ValLoss,
        BestMetric.TrainAccuracy => metrics.TrainAccuracy,
        BestMetric.ValAccuracy => metrics.ValAccuracy,
        _ => null,
    };

    static bool IsBetter(BestMetric metric, double value, double? best) =>
        best is null || (metric is BestMetric.TrainAccuracy or BestMetric.ValAccuracy ? value > best : value < best);
}
