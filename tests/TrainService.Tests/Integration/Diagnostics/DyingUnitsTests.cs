using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// The course's claims about dying units, through HTTP: relu units die at a high learning rate or
/// behind a large negative bias (no gradient flows through them), leaky units cannot die — their
/// negative regime is reported as its own figure.
/// </summary>
public sealed class DyingUnitsTests(ITestOutputHelper output) : ServiceTest
{
    [Fact]
    public async Task HighLr_LeakyReluReportsNoDeadUnits_ItsReluTwinDies()
    {
        var relu = await TrainAsync(CourseClaimsSpecs.Mlp("relu", lr: 4));
        var leaky = await TrainAsync(CourseClaimsSpecs.Mlp("leaky_relu", lr: 4));

        double reluDead = Max(relu.Diagnostics, "deadFraction");
        double leakyNegative = Max(leaky.Diagnostics, "negativeFraction");
        output.WriteLine($"relu: max dead {reluDead:G3}; leaky_relu: max negative-regime {leakyNegative:G3}, final loss relu {relu.Job.FinalMetrics?.TrainLoss:G3} leaky {leaky.Job.FinalMetrics?.TrainLoss:G3}");
        Assert.True(reluDead > 0.5, $"relu dead fraction {reluDead}");
        Assert.Contains(relu.Job.Events!, e => e.Kind == PathologyKinds.DeadLayer);
        var leakyDead = leaky.Diagnostics.Series.Where(s => s.Metric == "deadFraction").ToList();
        Assert.NotEmpty(leakyDead);
        Assert.All(leakyDead.SelectMany(s => s.Points), p => Assert.Equal(0.0, p.Value));
        Assert.DoesNotContain(leaky.Job.Events!, e => e.Kind == PathologyKinds.DeadLayer);
        Assert.True(leakyNegative > 0.5, $"leaky negative-regime fraction {leakyNegative}");
    }

    [Fact]
    public async Task ReluWithBiasMinusThree_DiesAtStepOne_NoGradientReachesTheFirstLayer()
    {
        var dead = await TrainAsync(CourseClaimsSpecs.Mlp("relu", lr: 0.1, biasInit: """{"scheme": "constant", "value": -3}""", epochs: 1));
        var alive = await TrainAsync(CourseClaimsSpecs.Mlp("relu", lr: 0.1, biasInit: """{"scheme": "zeros"}""", epochs: 1));

        double deadFraction = At(dead.Diagnostics, "deadFraction", "0_relu", 1);
        double firstGrad = At(dead.Diagnostics, "gradNorm", "0_linear", 1);
        output.WriteLine($"bias −3: dead {deadFraction:G3}, first-layer ‖g‖ {firstGrad:G3}; bias 0: dead {At(alive.Diagnostics, "deadFraction", "0_relu", 1):G3}");
        Assert.Equal(1.0, deadFraction);
        Assert.Equal(0.0, firstGrad);
        var e = Assert.Single(dead.Job.Events!, e => e.Kind == PathologyKinds.DeadLayer && e.Layer == "0_relu");
        Assert.Equal(1, e.Step);
        Assert.True(At(alive.Diagnostics, "deadFraction", "0_relu", 1) < 0.5);
        Assert.True(At(alive.Diagnostics, "gradNorm", "0_linear", 1) > 0);
        Assert.DoesNotContain(alive.Job.Events!, e => e.Kind == PathologyKinds.DeadLayer && e.Step == 1);
    }

    static double Max(DiagnosticsResponse diagnostics, string metric) =>
        diagnostics.Series.Where(s => s.Metric == metric).SelectMany(s => s.Points).Select(p => p.Value).DefaultIfEmpty(double.NaN).Max();

    static double At(DiagnosticsResponse diagnostics, string metric, string layer, long step) =>
        diagnostics.Series.Single(s => s.Metric == metric && s.Layer == layer).Points.Single(p => p.Step == step).Value;

    async Task<(JobResponse Job, DiagnosticsResponse Diagnostics)> TrainAsync(string spec)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", spec);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        var diagnostics = await (await Client.GetAsync($"/api/jobs/{job.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        return (job, diagnostics);
    }
}
