using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>The diagnostics only read: a run sampled at every step trains to exactly the same numbers as one without them.</summary>
public sealed class DiagnosticsNumericsTests : ServiceTest
{
    [Fact]
    public async Task SamplingEveryStep_LeavesLossesAndAccuraciesBitIdentical()
    {
        string plain = Specs.Xor(epochs: 8);
        string sampled = plain.Replace("\"training\":", "\"diagnostics\": {\"every\": 1}, \"training\":");
        Assert.NotEqual(plain, sampled);
        var without = await EpochsAsync(plain);
        var with = await EpochsAsync(sampled);
        Assert.Equal(8, with.Count);
        Assert.Equal(without.Select(e => (e.TrainLoss, e.TrainAccuracy)), with.Select(e => (e.TrainLoss, e.TrainAccuracy)));
        Assert.Equal(8, without.Select(e => e.TrainLoss).Distinct().Count());
    }

    async Task<IReadOnlyList<EpochMetrics>> EpochsAsync(string spec)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", spec);
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        return (await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics")).ReadAsync<MetricsResponse>()).Epochs;
    }
}
