using System.Net;
using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>
/// A seed fixes initial weights and data order across arms: arms that differ only in a setting
/// training never reads (checkpoint interval) have identical per-step losses throughout, and arms
/// that differ only in lr share their first step's loss (same weights, same first batch) and then part.
/// </summary>
public sealed class PairedSeedTests : ServiceTest
{
    [Fact]
    public async Task SameSeed_SameInitialWeightsAndDataOrder_AcrossArms()
    {
        string factors = """
            [{"path": "$.optimizer.lr", "values": [0.05, 0.2]},
             {"path": "$.checkpoints.everyEpochs", "values": [0, 2]}]
            """;
        var response = await Client.PostJsonTextAsync("/api/studies", StudySpecs.Study(factors, seeds: "[5, 6]", baseSpec: StudySpecs.XorBase(epochs: 3, samples: 128)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var study = await Client.WaitForStudyAsync((await response.ReadAsync<StudyResponse>()).Id);
        Assert.Equal(JobStatus.Succeeded, study.Status);
        // Grid order, first factor slowest: arm 0 = (0.05, 0), 1 = (0.05, 2), 2 = (0.2, 0), 3 = (0.2, 2).
        var losses = new Dictionary<(int Arm, long Seed), double[]>();
        foreach (var job in study.Jobs)
        {
            var steps = (await Client.GetFromJsonAsync<StepSeriesResponse>($"/api/jobs/{job.JobId}/metrics/steps", ContractJson.Options))!;
            Assert.Equal(1, steps.Stride);
            losses[(job.Arm, job.Seed)] = steps.Steps.Select(s => s.Loss).ToArray();
        }
        foreach (long seed in new long[] { 5, 6 })
        {
            Assert.Equal(losses[(0, seed)], losses[(1, seed)]);
            Assert.Equal(losses[(2, seed)], losses[(3, seed)]);
            Assert.Equal(losses[(0, seed)][0], losses[(2, seed)][0]);
            Assert.NotEqual(losses[(0, seed)][^1], losses[(2, seed)][^1]);
        }
        Assert.NotEqual(losses[(0, 5)][0], losses[(0, 6)][0]);
    }
}
