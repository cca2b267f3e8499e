using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// Each divergence check on its own: with the other bounds out of reach, the gradient-norm bound,
/// the loss-ratio bound and the NaN/Inf check each fail the job with their own reason.
/// </summary>
public sealed class DivergenceBoundsTests : ServiceTest
{
    /// <summary>x² regression, 256 rows in batches of 32, with the given optimizer and divergence bounds.</summary>
    static string XSquared(string optimizer, string bounds, int epochs = 5) => $$$"""
        {"name": "x-squared-bounds",
         "dataset": {"kind": "x_squared", "samples": 256, "noise": 0.01, "seed": 2},
         "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 16, "activation": "tanh"}, {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {{{optimizer}}},
         "training": {"epochs": {{{epochs}}}, "batchSize": 32, "seed": 3, {{{bounds}}}}}
        """;

    Task<JobResponse> RunAsync(string spec) => Client.SubmitAndWaitAsync(spec, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task GradientNormBound_Alone_FailsTheJob_NamingTheBound()
    {
        // A healthy run; only the gradient-norm bound (at its minimum, 1) is within reach.
        var done = await RunAsync(XSquared("""{"kind": "sgd", "lr": 10}""", "\"divergenceGradNorm\": 1, \"divergenceLossRatio\": 1e300"));

        Assert.Equal(JobStatus.Failed, done.Status);
        var reason = System.Text.RegularExpressions.Regex.Match(done.FailureReason!, @"^gradient norm (\S+) exceeded the bound 1 at epoch \d+, step (\d+)$");
        Assert.True(reason.Success, done.FailureReason);
        // A finite norm just over the bound, not a NaN caught by the finiteness check; every step before it stayed within.
        double norm = double.Parse(reason.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(double.IsFinite(norm) && norm > 1, done.FailureReason);
        var steps = await (await Client.GetAsync($"/api/jobs/{done.Id}/metrics/steps")).ReadAsync<StepSeriesResponse>();
        Assert.Equal(int.Parse(reason.Groups[2].Value) - 1, steps.TotalSteps);
        Assert.All(steps.Steps, s => Assert.True(s.GradNorm <= 1, $"step {s.Step}: norm {s.GradNorm}"));
    }

    [Fact]
    public async Task LossRatioBound_Alone_FailsTheJob_NamingTheRatio()
    {
        var done = await RunAsync(XSquared("""{"kind": "adam", "lr": 1e4}""", "\"divergenceGradNorm\": 1e300, \"divergenceLossRatio\": 10"));

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Matches(@"^loss \S+ exceeded 10× the first step's loss \(\S+\) at epoch 1, step \d+; last gradient norm \S+$", done.FailureReason);
    }

    [Fact]
    public async Task NonFiniteLoss_WithBothBoundsOutOfReach_FailsTheJob_SayingNaNOrInf()
    {
        var done = await RunAsync(XSquared("""{"kind": "sgd", "lr": 1e6}""", "\"divergenceGradNorm\": 1e300, \"divergenceLossRatio\": 1e300"));

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Matches(@"^loss became (NaN|\+Inf) at epoch \d+, step \d+; last gradient norm \S+$", done.FailureReason);
    }

    [Fact]
    public async Task HealthyRun_WithTheDefaultBounds_Succeeds()
    {
        var done = await RunAsync(XSquared("""{"kind": "adam", "lr": 0.01}""", "\"validationSplit\": 0.0"));

        Assert.True(done.Status == JobStatus.Succeeded, done.FailureReason);
    }
}
