using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// The course's claim through HTTP: a large recurrent weight makes gradients explode, and
/// clipping tames them. With clipping on, the gradient-norm divergence bound judges the clipped
/// norm, so the job clipping protects is not failed by it; both norms are recorded per step.
/// </summary>
public sealed class RecurrentExplosionTests(ITestOutputHelper output) : ServiceTest
{
    const double Bound = 1e4;

    [Fact]
    public async Task LargeRecurrentInit_ExplodesWithoutClipping_StaysFiniteWithIt()
    {
        var small = await RunAsync(CourseClaimsSpecs.Rnn(0.1, divergenceGradNorm: Bound));
        var exploding = await RunAsync(CourseClaimsSpecs.Rnn(1.0, divergenceGradNorm: Bound));
        var clipped = await RunAsync(CourseClaimsSpecs.Rnn(1.0, clipping: """{"kind": "norm", "maxNorm": 1}""", divergenceGradNorm: Bound));

        output.WriteLine($"std 0.1: {small.Job.Status}, max ‖g‖ {small.Steps.Max(s => s.GradNorm):G3}; std 1: {exploding.Job.Status} ({exploding.Job.FailureReason}); " +
            $"std 1 clipped: {clipped.Job.Status}, max ‖g‖ {clipped.Steps.Max(s => s.GradNorm):G3}, max clipped {clipped.Steps.Max(s => s.ClippedGradNorm):G3}");
        Assert.Equal(JobStatus.Succeeded, small.Job.Status);
        Assert.True(small.Steps.Max(s => s.GradNorm) < Bound);
        Assert.All(small.Steps, s => Assert.Null(s.ClippedGradNorm));

        Assert.Equal(JobStatus.Failed, exploding.Job.Status);
        Assert.Contains("gradient norm", exploding.Job.FailureReason);
        Assert.Contains(exploding.Job.Events!, e => e.Kind == PathologyKinds.Divergence);

        Assert.True(clipped.Job.Status == JobStatus.Succeeded, $"{clipped.Job.Status}: {clipped.Job.FailureReason}");
        Assert.Contains(clipped.Steps, s => s.GradNorm > Bound); // the raw gradient still explodes ...
        Assert.All(clipped.Steps, s => Assert.True(s.ClippedGradNorm <= 1 + 1e-6, $"step {s.Step}: clipped {s.ClippedGradNorm}")); // ... the update sees ≤ maxNorm
        Assert.All(clipped.Steps, s => Assert.True(double.IsFinite(s.Loss)));
        Assert.DoesNotContain(clipped.Job.Events!, e => e.Kind == PathologyKinds.Divergence);
    }

    async Task<(JobResponse Job, IReadOnlyList<StepMetricsResponse> Steps)> RunAsync(string spec)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", spec);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        var steps = await (await Client.GetAsync($"/api/jobs/{job.Id}/metrics/steps")).ReadAsync<StepSeriesResponse>();
        return (job, steps.Steps);
    }
}
