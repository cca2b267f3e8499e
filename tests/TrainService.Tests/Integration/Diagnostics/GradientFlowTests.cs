using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Acceptance 1 through HTTP: a 10-layer sigmoid MLP shows vanishing gradients (first/last layer
/// gradient-norm ratio below 1e-3, and an event saying so); the same network with ReLU does not.
/// </summary>
public sealed class GradientFlowTests(ITestOutputHelper output) : ServiceTest
{
    [Fact]
    public async Task DeepSigmoidMlp_ReportsVanishingGradient_SameNetworkWithTanhDoesNot()
    {
        var sigmoid = await TrainAsync(DiagnosticsSpecs.DeepMlp("sigmoid"));
        var tanh = await TrainAsync(DiagnosticsSpecs.DeepMlp("tanh"));

        double sigmoidRatio = FirstLastRatio(sigmoid.Diagnostics, step: 1);
        double tanhRatio = FirstLastRatio(tanh.Diagnostics, step: 1);
        output.WriteLine($"first/last gradient-norm ratio at step 1: sigmoid {sigmoidRatio:G3}, tanh {tanhRatio:G3}");
        Assert.True(sigmoidRatio < 1e-3, $"sigmoid ratio {sigmoidRatio}");
        Assert.True(tanhRatio >= 1e-3, $"tanh ratio {tanhRatio}");

        var vanishing = Assert.Single(sigmoid.Job.Events!, e => e.Kind == PathologyKinds.VanishingGradient && e.Step == 1);
        Assert.Equal(1, vanishing.Epoch);
        Assert.Null(vanishing.Layer);
        Assert.Equal(sigmoidRatio, vanishing.Values["ratio"], 1e-9 * sigmoidRatio);
        Assert.Equal(vanishing.Values["firstLayerGradNorm"] / vanishing.Values["lastLayerGradNorm"], vanishing.Values["ratio"], 1e-9 * sigmoidRatio);
        Assert.DoesNotContain(tanh.Job.Events!, e => e.Kind == PathologyKinds.VanishingGradient);
        // The same events come with the job, its diagnostics and its results.
        Assert.Equal(sigmoid.Job.Events!.Select(e => (e.Kind, e.Step, e.Layer, e.Message)), sigmoid.Diagnostics.Events.Select(e => (e.Kind, e.Step, e.Layer, e.Message)));
    }

    [Theory]
    [InlineData("batchnorm")]
    [InlineData("residual")]
    [InlineData("he_init")]
    public async Task DeepReluMlp_WithBatchNormResidualOrHeInit_ReportsNoVanishingGradient(string variant)
    {
        var sigmoid = await TrainAsync(DiagnosticsSpecs.DeepMlp("sigmoid"));
        var relu = await TrainAsync(CatalogSpecs.DeepRelu(variant));
        double reluRatio = FirstLastRatio(relu.Diagnostics, step: 1);
        output.WriteLine($"first/last gradient-norm ratio at step 1: relu+{variant} {reluRatio:G3}");
        Assert.True(FirstLastRatio(sigmoid.Diagnostics, step: 1) < 1e-3);
        Assert.Contains(sigmoid.Job.Events!, e => e.Kind == PathologyKinds.VanishingGradient);
        Assert.True(reluRatio >= 1e-3, $"relu+{variant} ratio {reluRatio}");
        Assert.DoesNotContain(relu.Job.Events!, e => e.Kind == PathologyKinds.VanishingGradient);
    }

    /// <summary>Gradient norm of the first parameterised layer over the last one's at one sampled step.</summary>
    internal static double FirstLastRatio(DiagnosticsResponse diagnostics, long step)
    {
        var norms = diagnostics.Series.Where(s => s.Metric == "gradNorm").ToList();
        Assert.True(norms.Count >= 2);
        return norms[0].Points.Single(p => p.Step == step).Value / norms[^1].Points.Single(p => p.Step == step).Value;
    }

    async Task<(JobResponse Job, DiagnosticsResponse Diagnostics)> TrainAsync(string spec)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", spec);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        var diagnostics = await (await Client.GetAsync($"/api/jobs/{job.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        return (job, diagnostics);
    }
}
