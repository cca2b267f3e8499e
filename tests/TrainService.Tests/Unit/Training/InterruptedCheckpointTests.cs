using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Tests.Unit.Training;

/// <summary>
/// A shutdown's <c>interrupted</c> checkpoint, taken wherever the cancellation lands, resumes to the
/// uninterrupted run's weights. The hard case: a cancel during an epoch's last step or its end-of-epoch
/// work is seen at the next epoch's first batch, after that epoch's permutation was already drawn.
/// (Seen first in scripts/crash_resume_check.py: a SIGTERM at an epoch boundary resumed to other numbers.)
/// </summary>
public sealed class InterruptedCheckpointTests
{
    static readonly TrainingSpec Spec = XorSpecs.For(new AdamOptimizerSpec { Lr = 0.01 }, new TrainingSettings { Epochs = 5, BatchSize = 10, Seed = 11 });

    /// <summary>Cancels the run at the end of the given epoch, as a SIGTERM arriving then would.</summary>
    sealed class CancelAfterEpoch(int epoch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
        {
            if (metrics.Epoch == epoch) cancel.Cancel();
        }
    }

    sealed class CancelAtStep(long step, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnStep(StepMetrics metrics)
        {
            if (metrics.Step == step) cancel.Cancel();
        }

        public void OnEpochEnd(EpochMetrics metrics, TrainingSession session) { }
    }

    [Theory]
    [InlineData("after epoch 2", 0)]
    [InlineData("mid-epoch 3", 8 + 3)] // 80 training rows in batches of 10: 8 steps an epoch
    public void InterruptedThenResumed_EndsWithTheUninterruptedWeights(string where, long step)
    {
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(Spec.Dataset), Spec.Training);
        using var whole = TrainingSession.Start(Spec, data);
        whole.Run(new CancelAtStep(-1, new CancellationTokenSource()), CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        using var interrupted = TrainingSession.Start(Spec, data);
        ITrainingObserver observer = step == 0 ? new CancelAfterEpoch(2, cancel) : new CancelAtStep(step, cancel);
        Assert.Throws<OperationCanceledException>(() => interrupted.Run(observer, cancel.Token));
        using var checkpoint = new MemoryStream();
        interrupted.SaveCheckpoint(checkpoint); // what TrainingRun does on shutdown
        checkpoint.Position = 0;
        using var resumed = TrainingSession.Resume(Spec, data, checkpoint);
        resumed.Run(new CancelAtStep(-1, new CancellationTokenSource()), CancellationToken.None);

        var a = whole.Model.parameters().ToList();
        var b = resumed.Model.parameters().ToList();
        for (int i = 0; i < a.Count; i++) Assert.True(a[i].eq(b[i]).all().item<bool>(), $"{where}: parameter {i} differs after resume");
    }
}
