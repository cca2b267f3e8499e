using TrainService.Contracts.Specs;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Checkpoints;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// One attempt at training a job, on its own thread: loads the data, opens (or resumes) the
/// session, trains with the observers, and saves the final checkpoint and test measurement.
/// Tensor code is synchronous and its dispose scopes are thread-local, hence the dedicated thread.
/// </summary>
internal sealed class TrainingRun(
    Guid jobId,
    TrainingSpec spec,
    CheckpointRow? resumeFrom,
    CheckpointRow? warmStart,
    MetricsWriter metrics,
    TrainingRunServices services)
{
    public int EpochsCompleted { get; private set; }

    /// <summary>Where this attempt's training began (past the checkpoint after a resume); null if it never opened a session.</summary>
    public (int Epoch, long GlobalStep)? BeganAt { get; private set; }

    public Task RunOnOwnThreadAsync(CancellationToken ct, CancellationToken shutdown) =>
        Task.Factory.StartNew(() => Run(ct, shutdown), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    void Run(CancellationToken ct, CancellationToken shutdown)
    {
        var checkpoints = services.Checkpoints;
        var splits = DatasetSplits.Prepare(DatasetCatalog.Load(spec.Dataset, services.Uploads), spec.Training);
        // Before any checkpoint row: predict serves a model as soon as one exists, and needs the transform.
        services.Artifacts.Write(ArtifactKeys.Preprocessing(jobId), PreprocessingArtifact.From(splits).Save);
        using var session = Open(splits);
        BeganAt = (session.Progress.Epoch, session.Progress.GlobalStep);
        var policy = new CheckpointPolicyObserver(jobId, spec.Checkpoints, checkpoints, metrics);
        using var diagnostics = new DiagnosticsObserver(jobId, session, metrics);
        try
        {
            session.Run(new ObserverChain([diagnostics, metrics, policy, .. services.ExtraObservers.Select(f => f.Create(jobId))]), ct);
        }
        catch (TrainingDivergedException diverged)
        {
            diagnostics.OnDiverged(diverged.Message);
            throw;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Mid-epoch is fine: the checkpoint records the step and the epoch's generator state.
            metrics.Flush();
            checkpoints.Save(jobId, CheckpointNames.Interrupted, session);
            throw;
        }
        finally
        {
            EpochsCompleted = session.Progress.EpochsCompleted;
            policy.FlushBest();
            diagnostics.RecordPeakMemory();
        }
        var test = session.MeasureTest();
        checkpoints.Save(jobId, CheckpointNames.Final, session);
        checkpoints.Delete(jobId, CheckpointNames.Interrupted);
        if (test is not null) services.Progress.RecordTest(jobId, test, EpochsCompleted);
    }

    TrainingSession Open(DatasetSplits splits)
    {
        if (resumeFrom is not null)
        {
            using var stream = services.Checkpoints.OpenRead(resumeFrom);
            return TrainingSession.Resume(spec, splits, stream);
        }
        var session = TrainingSession.Start(spec, splits);
        if (warmStart is not null)
        {
            using var stream = services.Checkpoints.OpenRead(warmStart);
            session.LoadInitialWeights(stream);
        }
        return session;
    }
}

/// <summary>What every run needs from the host, passed as one.</summary>
internal sealed record TrainingRunServices(
    CheckpointStore Checkpoints,
    IArtifactStore Artifacts,
    IUploadedDatasets Uploads,
    JobProgress Progress,
    IEnumerable<ITrainingObserverFactory> ExtraObservers);
