using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Models.Training;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// Early stopping's patience counter, best value and best weights, and reduce-on-plateau's
/// counters, live in the checkpoint: a job interrupted while both are mid-count resumes from its
/// checkpoint and ends exactly where an undisturbed run ends (same epochs, same stop, same model).
/// </summary>
public sealed class EarlyStoppingResumeTests() : ServiceTest(new TrainServiceFactory
{
    ConfigureServices = services => services.AddSingleton<ITrainingObserverFactory>(Interrupter),
})
{
    static readonly FailWhileCounting Interrupter = new();

    const string Spec = """
        {"name": "early-plateau-resume",
         "dataset": {"kind": "xor", "samples": 200, "noise": 0.3, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 8, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": 80, "batchSize": 16, "seed": 3, "validationSplit": 0.25,
                      "schedule": {"kind": "reduce_on_plateau", "factor": 0.5, "patience": 1},
                      "earlyStopping": {"monitor": "valLoss", "patience": 6, "minDelta": 0.0001}},
         "checkpoints": {"everyEpochs": 1}}
        """;

    [Fact]
    public async Task InterruptedWhilePatienceAndPlateauAreCounting_ResumesFromCheckpoint_AndEndsBitIdentical()
    {
        var disturbed = await (await Client.PostJsonTextAsync("/api/jobs", Spec)).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(disturbed.Id)).Status);
        var undisturbed = await (await Client.PostJsonTextAsync("/api/jobs", Spec)).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(undisturbed.Id)).Status);

        // The interruption came while early stopping and the plateau were both counting bad epochs,
        // and the retry's first epoch is past it: it continued from a checkpoint, not from epoch 1.
        Assert.True(Interrupter.FailedAtEpoch.TryGetValue(disturbed.Id, out int failedAt), "the first job was never interrupted");
        var resumedFrom = Interrupter.FirstEpochPerAttempt[disturbed.Id];
        Assert.Equal(2, resumedFrom.Count);
        Assert.Equal(1, resumedFrom[0]);
        Assert.InRange(resumedFrom[1], failedAt, failedAt + 1);
        Assert.True(resumedFrom[1] > 1);

        var resumed = await (await Client.GetAsync($"/api/jobs/{disturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        var reference = await (await Client.GetAsync($"/api/jobs/{undisturbed.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.True(reference.Epochs.Count < 80, $"the undisturbed run did not stop early ({reference.Epochs.Count} epochs)");
        Assert.True(reference.Epochs.Count > failedAt, "the run stopped before the interruption point");
        Assert.True(reference.Epochs.Select(e => e.LearningRate).Distinct().Count() > 1, "the plateau schedule never reduced the learning rate");
        Assert.Equal(Enumerable.Range(1, reference.Epochs.Count), resumed.Epochs.Select(e => e.Epoch));
        Assert.Equal(reference.Epochs.Select(Measured), resumed.Epochs.Select(Measured));

        var inputs = new { inputs = new[] { new[] { 0.1, 0.9 }, new[] { 0.9, 0.9 }, new[] { 0.5, 0.2 }, new[] { -0.3, 0.7 } } };
        var a = await (await Client.PostAsJsonAsync($"/api/jobs/{disturbed.Id}/predict?checkpoint=final", inputs)).ReadAsync<PredictResponse>();
        var b = await (await Client.PostAsJsonAsync($"/api/jobs/{undisturbed.Id}/predict?checkpoint=final", inputs)).ReadAsync<PredictResponse>();
        Assert.Equal(b.Outputs.SelectMany(o => o), a.Outputs.SelectMany(o => o));
        // Early stopping put the best epoch's weights back before `final` was written: final predicts as best does,
        // though training went on for `patience` epochs after it.
        var best = await (await Client.PostAsJsonAsync($"/api/jobs/{undisturbed.Id}/predict?checkpoint=best", inputs)).ReadAsync<PredictResponse>();
        Assert.True(reference.Epochs.MinBy(e => e.ValLoss)!.Epoch < reference.Epochs.Count, "the best epoch was the last");
        Assert.Equal(best.Outputs.SelectMany(o => o), b.Outputs.SelectMany(o => o));
    }

    static (double, double?, double?, double?, double?) Measured(EpochMetrics e) => (e.TrainLoss, e.ValLoss, e.TrainAccuracy, e.ValAccuracy, e.LearningRate);

    /// <summary>
    /// Throws a transient libtorch failure once, in the first job, at the first epoch end where early
    /// stopping has counted 4 of its 6 bad epochs (late enough that a restarted patience would
    /// stop elsewhere) and the plateau schedule has already reduced the learning rate; records
    /// the first epoch each attempt of each job ran.
    /// </summary>
    sealed class FailWhileCounting : ITrainingObserverFactory
    {
        int fired;
        public ConcurrentDictionary<Guid, int> FailedAtEpoch { get; } = new();
        public ConcurrentDictionary<Guid, List<int>> FirstEpochPerAttempt { get; } = new();

        public ITrainingObserver Create(Guid jobId) => new Observer(this, jobId);

        sealed class Observer(FailWhileCounting owner, Guid jobId) : ITrainingObserver
        {
            bool seen;

            public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
            {
                if (!seen)
                {
                    seen = true;
                    var attempts = owner.FirstEpochPerAttempt.GetOrAdd(jobId, _ => []);
                    lock (attempts) attempts.Add(metrics.Epoch);
                }
                bool counting = session.Progress.EarlyStopping is { BadEpochs: >= 4 } && session.Progress.Plateau is { } p && p.Lr < 0.05 && !session.IsFinished;
                if (counting && Interlocked.Exchange(ref owner.fired, 1) == 0)
                {
                    owner.FailedAtEpoch[jobId] = metrics.Epoch;
                    throw new InvalidOperationException("Expected false to be true. Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140");
                }
            }
        }
    }
}
