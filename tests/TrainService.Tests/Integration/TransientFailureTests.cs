using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Models.Training;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// TorchSharp 0.107 can free a Scalar during a native call (libtorch then fails its check at
/// c10/core/Scalar.h). A job that hits it must resume from its newest checkpoint and end exactly
/// where an undisturbed run ends. Training is deterministic, so equal metrics alone would also pass
/// for a job restarted from epoch 0: the observer records where each attempt began.
/// </summary>
public sealed class TransientFailureTests() : ServiceTest(new TrainServiceFactory
{
    ConfigureServices = services => services.AddSingleton<ITrainingObserverFactory>(Failure),
})
{
    static readonly FailOnceAtEpoch Failure = new(5);

    const string Spec = """
        {"name": "transient",
         "dataset": {"kind": "xor", "samples": 200, "noise": 0.3, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.01},
         "training": {"epochs": 8, "batchSize": 16, "seed": 3},
         "checkpoints": {"everyEpochs": 2}}
        """;

    [Fact]
    public async Task ScalarFailureMidRun_ResumesFromCheckpoint_AndMatchesAnUndisturbedRun()
    {
        var disturbed = await (await Client.PostJsonTextAsync("/api/jobs", Spec)).ReadAsync<JobResponse>();
        var disturbedDone = await Client.WaitForFinalStateAsync(disturbed.Id);
        Assert.True(disturbedDone.Status == JobStatus.Succeeded, $"{disturbedDone.Status}: {disturbedDone.FailureReason}");
        var undisturbed = await (await Client.PostJsonTextAsync("/api/jobs", Spec)).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(undisturbed.Id)).Status);

        var failedOnce = await (await Client.GetAsync($"/api/jobs/{disturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        var reference = await (await Client.GetAsync($"/api/jobs/{undisturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(Enumerable.Range(1, 8), failedOnce.Epochs.Select(e => e.Epoch));
        Assert.Equal(reference.Epochs.Select(e => e.TrainLoss), failedOnce.Epochs.Select(e => e.TrainLoss));
        // The failure came at the end of epoch 5, after the checkpoint policy had saved epoch 5 as `best`
        // (the newest checkpoint then), so the second attempt's first step belongs to epoch 6, not to epoch 1.
        Assert.Equal([1, 6], Failure.FirstEpochOfEachAttempt(disturbed.Id));
        Assert.Equal([1], Failure.FirstEpochOfEachAttempt(undisturbed.Id));
    }

    /// <summary>
    /// Throws the libtorch message once, at the end of the given epoch of the first job it sees, and
    /// records the epoch of the first step of every attempt (each attempt creates its own observer).
    /// </summary>
    sealed class FailOnceAtEpoch(int epoch) : ITrainingObserverFactory
    {
        int fired;
        readonly List<(Guid Job, Observer Observer)> attempts = [];

        public ITrainingObserver Create(Guid jobId)
        {
            var observer = new Observer(this, epoch);
            lock (attempts) attempts.Add((jobId, observer));
            return observer;
        }

        public List<int> FirstEpochOfEachAttempt(Guid jobId)
        {
            lock (attempts) return attempts.Where(a => a.Job == jobId).Select(a => a.Observer.FirstEpoch ?? 0).ToList();
        }

        sealed class Observer(FailOnceAtEpoch owner, int epoch) : ITrainingObserver
        {
            public int? FirstEpoch { get; private set; }

            public void OnStep(StepMetrics metrics) => FirstEpoch ??= metrics.Epoch;

            public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
            {
                if (metrics.Epoch == epoch && Interlocked.Exchange(ref owner.fired, 1) == 0)
                    throw new InvalidOperationException("Expected false to be true. Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140");
            }
        }
    }
}
