using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Models.Training;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// A graceful stop mid-job writes the <c>interrupted</c> checkpoint; the next start's reconciler
/// hands the job (still "running" in the database, its in-memory queue gone) to the queue again,
/// and training continues from that checkpoint rather than from the start.
/// </summary>
public sealed class RestartResumeTests : IAsyncDisposable
{
    readonly string data = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    TrainServiceFactory Service(ITrainingObserverFactory? observer = null) => new()
    {
        Settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = data, ["TrainService:TrainingWorkers"] = "1" },
        ConfigureServices = observer is null ? null : services => services.AddSingleton(observer),
    };

    [Fact]
    public async Task GracefulStop_ThenRestart_ResumesFromTheInterruptedCheckpoint()
    {
        // 200 rows in batches of 2: 100 steps an epoch; no periodic checkpoints within the run.
        string spec = Specs.Xor(epochs: 60, batchSize: 2).Replace("\"training\":", "\"checkpoints\": {\"everyEpochs\": 1000}, \"training\":");
        Guid id;
        await using (var first = Service())
        {
            var client = first.CreateClient();
            id = (await (await client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>()).Id;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await (await client.GetAsync($"/api/jobs/{id}/metrics")).ReadAsync<MetricsResponse>()).Epochs.Count < 2)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the job did not reach epoch 2 within 60 s");
                await Task.Delay(20);
            }
        }
        string interrupted = Path.Combine(data, "artifacts", "jobs", id.ToString("N"), "checkpoints", "interrupted.bin");
        Assert.True(File.Exists(interrupted), "the graceful stop wrote the interrupted checkpoint");

        var recorder = new FirstStepRecorder();
        await using var second = Service(recorder);
        var restarted = second.CreateClient();
        var done = await restarted.WaitForFinalStateAsync(id, TimeSpan.FromSeconds(60));

        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.FailureReason}");
        var metrics = await (await restarted.GetAsync($"/api/jobs/{id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(Enumerable.Range(1, 60), metrics.Epochs.Select(e => e.Epoch));
        Assert.True(recorder.FirstStep > 200, $"the restarted attempt began at global step {recorder.FirstStep}, not past epoch 2");
        var checkpoints = await (await restarted.GetAsync($"/api/jobs/{id}/checkpoints")).ReadAsync<List<CheckpointResponse>>();
        Assert.DoesNotContain(checkpoints, c => c.Name == "interrupted"); // used, then removed once the job succeeded
        Assert.False(File.Exists(interrupted));
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    sealed class FirstStepRecorder : ITrainingObserverFactory
    {
        long firstStep;

        public long FirstStep => Interlocked.Read(ref firstStep);

        public ITrainingObserver Create(Guid jobId) => new Observer(this);

        sealed class Observer(FirstStepRecorder owner) : ITrainingObserver
        {
            public void OnStep(StepMetrics metrics) => Interlocked.CompareExchange(ref owner.firstStep, metrics.Step, 0);

            public void OnEpochEnd(EpochMetrics metrics, TrainingSession session) { }
        }
    }
}
