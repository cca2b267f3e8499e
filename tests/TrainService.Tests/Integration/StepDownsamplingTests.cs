using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary><c>/metrics/steps?maxPoints=</c> downsamples on the server: every k-th step plus the last, at most maxPoints of them, values unchanged.</summary>
public sealed class StepDownsamplingTests : ServiceTest
{
    [Fact]
    public async Task MaxPoints_KeepsEveryKthStepAndTheLast_WithinTheCap()
    {
        // 200 rows in batches of 4: 50 steps an epoch, 500 in all.
        var job = await (await Client.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 10, batchSize: 4))).ReadAsync<JobResponse>();
        Assert.Equal(JobStatus.Succeeded, (await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(60))).Status);

        var all = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics/steps?maxPoints=1000")).ReadAsync<StepSeriesResponse>();
        var sampled = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics/steps?maxPoints=40")).ReadAsync<StepSeriesResponse>();

        Assert.Equal(500, all.TotalSteps);
        Assert.Equal(Enumerable.Range(1, 500), all.Steps.Select(s => s.Step));
        Assert.Equal(500, sampled.TotalSteps);
        Assert.InRange(sampled.Steps.Count, 20, 40);
        Assert.True(sampled.Stride > 1, $"stride {sampled.Stride}");
        Assert.Equal(500, sampled.Steps[^1].Step);
        var strided = sampled.Steps.SkipLast(1).Select(s => s.Step).ToList();
        Assert.All(strided.Zip(strided.Skip(1)), pair => Assert.Equal(sampled.Stride, pair.Second - pair.First));
        var byStep = all.Steps.ToDictionary(s => s.Step);
        Assert.All(sampled.Steps, s => Assert.Equal(byStep[s.Step], s));
    }
}
