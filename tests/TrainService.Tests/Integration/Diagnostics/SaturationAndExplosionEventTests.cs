using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>The saturation and exploding-gradient events through HTTP, each raised by the network the course uses to show it.</summary>
public sealed class SaturationAndExplosionEventTests : ServiceTest
{
    static string Mlp(string activation, string init, string diagnostics, int depth) =>
        DiagnosticsSpecs.DeepMlp(activation, depth: depth, epochs: 1, diagnostics: diagnostics)
            .Replace($"\"activation\": \"{activation}\"}}", $"\"activation\": \"{activation}\", \"init\": {init}}}");

    Task<JobResponse> TrainAsync(string spec) => Client.SubmitAndWaitAsync(spec);

    [Fact]
    public async Task LargeWeights_SaturateATanhLayer()
    {
        // Weights with std 3 on 16 standardised inputs: pre-activations of std ~12, far beyond ±3 where tanh is flat.
        var job = await TrainAsync(Mlp("tanh", """{"scheme": "normal", "std": 3}""", """{"every": 1, "unit": "epochs"}""", depth: 3));

        var saturation = job.Events!.First(e => e.Kind == PathologyKinds.Saturation && e.Layer == "1_tanh");
        Assert.True(saturation.Values["saturatedFraction"] > 0.5, $"saturated fraction {saturation.Values["saturatedFraction"]}");
        var calm = await TrainAsync(Mlp("tanh", """{"scheme": "xavier_normal"}""", """{"every": 1, "unit": "epochs"}""", depth: 3));
        Assert.DoesNotContain(calm.Events!, e => e.Kind == PathologyKinds.Saturation);
    }

    // Logits and bce_logits: a saturated output sigmoid under plain bce would zero the gradient before it could explode.
    static string WithLogits(string spec) => spec
        .Replace("{\"kind\": \"linear\", \"units\": 1, \"activation\": \"sigmoid\"}", "{\"kind\": \"linear\", \"units\": 1}")
        .Replace("\"loss\": {\"kind\": \"bce\"}", "\"loss\": {\"kind\": \"bce_logits\"}");

    [Fact]
    public async Task GradientsAboveTheBound_RaiseAnExplodingEvent_NamingTheLayer()
    {
        // ReLU with std-2 weights doubles the signal's scale at every layer (He would keep it): eight layers grow the first layer's gradient far beyond 10.
        var job = await TrainAsync(WithLogits(Mlp("relu", """{"scheme": "normal", "std": 2}""", """{"every": 1, "unit": "epochs", "explodingNorm": 10}""", depth: 8)));

        var exploding = job.Events!.Where(e => e.Kind == PathologyKinds.ExplodingGradient).ToList();
        Assert.True(exploding.Count > 0, $"{job.Status} {job.FailureReason}; events: {string.Join(", ", job.Events!.Select(e => $"{e.Kind} {e.Layer} {string.Join(" ", e.Values.Select(v => $"{v.Key}={v.Value:G3}"))}"))}");
        Assert.All(exploding, e => Assert.True(e.Values["gradNorm"] > 10));
        Assert.Contains(exploding, e => e.Layer == "0_linear");
        var he = await TrainAsync(WithLogits(Mlp("relu", """{"scheme": "he_normal"}""", """{"every": 1, "unit": "epochs", "explodingNorm": 10}""", depth: 8)));
        Assert.DoesNotContain(he.Events!, e => e.Kind == PathologyKinds.ExplodingGradient);
    }
}
