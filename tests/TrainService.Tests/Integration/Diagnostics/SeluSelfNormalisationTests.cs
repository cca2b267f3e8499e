using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// The course's SELU claim, now expressible with biasInit: with lecun_normal weights and zero
/// biases, activations keep mean ≈ 0 and variance ≈ 1 through a deep stack (the fixed point of the
/// SELU map); a constant positive bias pushes them off it.
/// </summary>
public sealed class SeluSelfNormalisationTests(ITestOutputHelper output) : ServiceTest
{
    [Fact]
    public async Task LecunNormalWithZeroBias_KeepsMeanZeroVarianceOne_APositiveBiasDrifts()
    {
        var zero = await StepOneStatsAsync(CourseClaimsSpecs.DeepSelu("""{"scheme": "zeros"}"""));
        var shifted = await StepOneStatsAsync(CourseClaimsSpecs.DeepSelu("""{"scheme": "constant", "value": 0.5}"""));
        output.WriteLine("zero bias (mean, var): " + string.Join(" ", zero.Select(s => $"({s.Mean:F2}, {s.Variance:F2})")));
        output.WriteLine("bias 0.5  (mean, var): " + string.Join(" ", shifted.Select(s => $"({s.Mean:F2}, {s.Variance:F2})")));

        Assert.Equal(10, zero.Count);
        Assert.All(zero, s => Assert.InRange(s.Mean, -0.25, 0.25));
        Assert.All(zero, s => Assert.InRange(s.Variance, 0.6, 1.5));
        Assert.All(shifted, s => Assert.True(s.Mean > 0.3, $"mean {s.Mean} with bias 0.5"));
        Assert.True(shifted[^1].Variance > 1.5, $"last selu layer variance with bias 0.5: {shifted[^1].Variance}");
    }

    /// <summary>Activation mean and variance after each selu module at step 1, in network order.</summary>
    async Task<List<(double Mean, double Variance)>> StepOneStatsAsync(string spec)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", spec);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        var d = await (await Client.GetAsync($"/api/jobs/{job.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        double At(string metric, string layer) => d.Series.Single(s => s.Metric == metric && s.Layer == layer).Points.Single(p => p.Step == 1).Value;
        return d.Layers.Where(l => l.EndsWith("_selu", StringComparison.Ordinal)).Select(l => (At("activationMean", l), At("activationVariance", l))).ToList();
    }
}
