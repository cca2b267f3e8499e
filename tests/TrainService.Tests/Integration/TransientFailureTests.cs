using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Models.Training;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// TorchSharp 0.107 can free a Scalar during a native call (libtorch then fails its check at
/// c10/core/Scalar.h). A job that hits it must resume from its newest checkpoint and end exactly
/// where an undisturbed run ends.
/// </summary>
public sealed class TransientFailureTests() : ServiceTest(new TrainServiceFactory
{
    ConfigureServices = services => services.AddSingleton<ITrainingObserverFactory>(new FailOnceAtEpoch(5)),
})
{
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
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(disturbed.Id)).Status);
        var undisturbed = await (await Client.PostJsonTextAsync("/api/jobs", Spec)).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(undisturbed.Id)).Status);

        var failedOnce = await (await Client.GetAsync($"/api/jobs/{disturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        var reference = await (await Client.GetAsync($"/api/jobs/{undisturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(Enumerable.Range(1, 8), failedOnce.Epochs.Select(e => e.Epoch));
        Assert.Equal(reference.Epochs.Select(e => e.TrainLoss), failedOnce.Epochs.Select(e => e.TrainLoss));
    }

    /// <summary>Throws the libtorch message once, at the end of the given epoch of the first job it sees.</summary>
    sealed class FailOnceAtEpoch(int epoch) : ITrainingObserverFactory
    {
        int fired;

        public ITrainingObserver Create(Guid jobId) => new Observer(this, epoch);

        sealed class Observer(FailOnceAtEpoch owner, int epoch) : ITrainingObserver
        {
            public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
            {
                if (metrics.Epoch == epoch && Interlocked.Exchange(ref owner.fired, 1) == 0)
                    throw new InvalidOperationException("Expected false to be true. Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140");
            }
        }
    }
}
