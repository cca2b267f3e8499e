using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Execution;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>
/// Successive halving through HTTP: it trains fewer epochs than the full grid, keeps the grid's
/// winner, a promoted job ends bit for bit where a straight run of its spec ends, and a promotion a
/// crash prevented happens at the next start-up.
/// </summary>
public sealed class HalvingTests() : ServiceTest(new TrainServiceFactory())
{
    // A clear gap: Adam at 0.05 learns XOR within a few epochs; SGD at these rates barely moves.
    const string FourOptimizers = """
        [{"path": "$.optimizer", "label": "optimizer",
          "values": [{"kind": "sgd", "lr": 0.001}, {"kind": "adam", "lr": 0.05}, {"kind": "sgd", "lr": 0.01}, {"kind": "sgd", "lr": 0.003}]}]
        """;

    static string Halving(string factors, int epochs, string scheduler, string seeds = "[1, 2, 3]") =>
        StudySpecs.Study(factors, seeds: seeds, baseSpec: StudySpecs.XorBase(epochs: epochs), scheduler: scheduler);

    async Task<StudyResponse> RunAsync(string body)
    {
        var response = await Client.PostJsonTextAsync("/api/studies", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Client.WaitForStudyAsync((await response.ReadAsync<StudyResponse>()).Id);
    }

    async Task<List<EpochMetrics>> EpochsAsync(Guid job) =>
        (await Client.GetFromJsonAsync<MetricsResponse>($"/api/jobs/{job}/metrics", ContractJson.Options))!.Epochs.ToList();

    [Fact]
    public async Task Halving_TrainsFewerEpochs_KeepsTheGridWinner_AndPromotedJobsMatchStraightRunsBitForBit()
    {
        var grid = await RunAsync(StudySpecs.Study(FourOptimizers, baseSpec: StudySpecs.XorBase(epochs: 27)));
        var halving = await RunAsync(Halving(FourOptimizers, 27, """{"kind": "halving", "minEpochs": 3, "factor": 3}"""));

        Assert.Equal(JobStatus.Succeeded, halving.Status);
        var progress = halving.Halving!;
        Assert.Equal([3, 9, 27], progress.Budgets);
        // 4 arms × 3 seeds × 3 epochs, then 2 arms × 3 seeds × 6 more, then 1 arm × 3 seeds × 18 more.
        Assert.Equal((4 * 3 * 3 + 2 * 3 * 6 + 1 * 3 * 18, 4 * 3 * 27), (progress.EpochsTrained, progress.FullGridEpochs));
        Assert.Equal(1 - 126.0 / 324, progress.SavedFraction, 12);
        Assert.Equal(grid.Arms[0].Arm, halving.Arms[0].Arm);
        Assert.Equal(27, progress.ArmEpochs[halving.Arms[0].Arm]);
        Assert.Equal([3, 3, 9, 27], progress.ArmEpochs.Values.Order());
        // The winner's table row is the grid's: its jobs trained the same 27 epochs, in three pieces.
        Assert.Equal(grid.Arms[0].Mean, halving.Arms[0].Mean);
        Assert.Null(halving.Arms[1].VsBest);

        foreach (var promoted in halving.Jobs.Where(j => j.Arm == halving.Arms[0].Arm))
        {
            var straight = grid.Jobs.Single(j => j.Arm == promoted.Arm && j.Seed == promoted.Seed);
            var resumed = await EpochsAsync(promoted.JobId);
            var whole = await EpochsAsync(straight.JobId);
            Assert.Equal(27, resumed.Count);
            Assert.Equal(whole.Select(e => (e.Epoch, e.TrainLoss, e.ValLoss, e.TrainAccuracy)), resumed.Select(e => (e.Epoch, e.TrainLoss, e.ValLoss, e.TrainAccuracy)));
        }
    }

    [Theory]
    [InlineData("""{"kind": "halving", "minEpochs": 27, "factor": 3}""", "$.scheduler.minEpochs")]
    [InlineData("""{"kind": "halving", "minEpochs": 0}""", "$.scheduler.minEpochs")]
    [InlineData("""{"kind": "halving", "minEpochs": 3, "factor": 1}""", "$.scheduler.factor")]
    public async Task BadScheduler_Is400AtItsPath(string scheduler, string path)
    {
        var response = await Client.PostJsonTextAsync("/api/studies", Halving(FourOptimizers, 27, scheduler));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(path, (await response.ReadValidationErrorsAsync()).Keys);
    }

    [Fact]
    public async Task EpochsAsAFactor_OrEarlyStopping_AreRefusedWithHalving()
    {
        var epochs = await Client.PostJsonTextAsync("/api/studies",
            Halving("""[{"path": "$.training.epochs", "values": [9, 27]}]""", 27, """{"kind": "halving", "minEpochs": 3}"""));
        Assert.Contains("$.scheduler", (await epochs.ReadValidationErrorsAsync()).Keys);

        var body = StudySpecs.Study(FourOptimizers, baseSpec: StudySpecs.XorBase(epochs: 27)
            .Replace("\"validationSplit\": 0.25", "\"validationSplit\": 0.25, \"earlyStopping\": {\"patience\": 3}"), scheduler: """{"kind": "halving", "minEpochs": 3}""");
        var early = await Client.PostJsonTextAsync("/api/studies", body);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("$.base.training.earlyStopping", (await early.ReadValidationErrorsAsync()).Keys);
    }
}

/// <summary>A promotion the previous process never made (it stopped between a rung's last job and the cut) is made at start-up.</summary>
public sealed class HalvingRestartTests
{
    /// <summary>The first host's workers end jobs but never promote: the state a crash right after a rung leaves.</summary>
    sealed class NoPromotions : IJobEndedHandler
    {
        public Task AfterJobAsync(Guid jobId, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task RungDoneButNotCut_TheNextStartUpPromotes_AndTheStudyFinishes()
    {
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = folder };
        string body = StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1, 2]", baseSpec: StudySpecs.XorBase(epochs: 8),
            scheduler: """{"kind": "halving", "minEpochs": 2, "factor": 2}""");
        try
        {
            Guid id;
            await using (var first = new TrainServiceFactory { Settings = settings, Postgres = false, ConfigureServices = s => s.AddSingleton<IJobEndedHandler, NoPromotions>() })
            {
                var client = first.CreateClient();
                var created = await (await client.PostJsonTextAsync("/api/studies", body)).ReadAsync<StudyResponse>();
                id = created.Id;
                var deadline = DateTime.UtcNow.AddSeconds(120);
                StudyResponse study;
                while ((study = (await client.GetFromJsonAsync<StudyResponse>($"/api/studies/{id}", ContractJson.Options))!).Jobs.Any(j => j.Status != JobStatus.Succeeded))
                {
                    Assert.True(DateTime.UtcNow < deadline, "the first rung never finished");
                    await Task.Delay(100);
                }
                // Every job reads succeeded, yet the study is not done: the cut is still to come.
                Assert.Equal(JobStatus.Running, study.Status);
                Assert.Equal((0, 6 * 2), (study.Halving!.Rung, study.Halving.EpochsTrained));
            }

            await using var second = new TrainServiceFactory { Settings = settings, Postgres = false };
            var restarted = second.CreateClient();
            var finished = await restarted.WaitForStudyAsync(id);

            Assert.Equal(JobStatus.Succeeded, finished.Status);
            // Budgets 2, 4, 8: 3 arms × 2 seeds × 2, then 2 arms × 2 seeds × 2 more, then 1 arm × 2 seeds × 4 more.
            Assert.Equal((2, 12 + 8 + 8), (finished.Halving!.Rung, finished.Halving.EpochsTrained));
            Assert.Equal(8, finished.Halving.ArmEpochs[finished.Arms[0].Arm]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>A promotion that fails is logged and shown on the study (halving.error), not swallowed.</summary>
public sealed class HalvingFailureTests() : ServiceTest(new TrainServiceFactory { ConfigureServices = s => s.AddSingleton<IJobQueue, RefusesPromotions>() })
{
    /// <summary>The real queue for a job's first delivery; a promotion (the same job queued again) is refused, as by a queue that is down.</summary>
    sealed class RefusesPromotions(IBackgroundJobClient client) : IJobQueue
    {
        readonly HangfireJobQueue queue = new(client);
        readonly ConcurrentDictionary<Guid, bool> queued = new();

        public void Enqueue(Guid jobId, ComputeDevice device)
        {
            if (!queued.TryAdd(jobId, true)) throw new InvalidOperationException("the queue is down (test)");
            queue.Enqueue(jobId, device);
        }
    }

    [Fact]
    public async Task PromotionTheQueueRefuses_IsShownOnTheStudy()
    {
        string body = StudySpecs.Study(StudySpecs.ThreeOptimizers, seeds: "[1]", baseSpec: StudySpecs.XorBase(epochs: 4),
            scheduler: """{"kind": "halving", "minEpochs": 2, "factor": 2}""");
        var id = (await (await Client.PostJsonTextAsync("/api/studies", body)).ReadAsync<StudyResponse>()).Id;

        var deadline = DateTime.UtcNow.AddSeconds(120);
        StudyResponse study;
        while ((study = (await Client.GetFromJsonAsync<StudyResponse>($"/api/studies/{id}", ContractJson.Options))!).Halving?.Error is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the refused promotion never showed on the study");
            await Task.Delay(100);
        }

        Assert.Contains("could not be queued", study.Halving!.Error);
        Assert.Contains("the queue is down (test)", study.Halving.Error);
        // The cut happened (rung 1) and its jobs wait in the database for an operator: the study is not done.
        Assert.Equal(1, study.Halving.Rung);
        Assert.Equal(JobStatus.Running, study.Status);
    }
}

