using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Diagnostics;
using TrainService.Models.Networks;
using TrainService.Models.Training;
using TrainService.Tests.Unit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Diagnostics;

/// <summary>The figures of one sampled step, against the same quantities computed by hand from the tensors.</summary>
public sealed class LayerDiagnosticsTests
{
    static readonly ModelSpec Model = new()
    {
        InputShape = [3],
        Layers = [new LinearLayerSpec { Units = 4, Activation = Activation.Relu }, new LinearLayerSpec { Units = 2, Activation = Activation.Sigmoid }],
    };

    [Fact]
    public void SampledStep_GradNormsUpdateRatiosAndActivationStats_MatchHandComputation()
    {
        using var model = NetworkFactory.Build(Model, seed: 5);
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
        var samples = new List<DiagnosticSample>();
        using var diagnostics = LayerDiagnostics.Attach(model, new DiagnosticsSpec { Every = 1, SaturationInput = 0.5 }, new TrainingProgress(), samples.Add);
        using var x = tensor(new float[] { 1, -2, 0.5f, -1, 0.3f, 2, 0.1f, 0.2f, -0.3f, 3, -1, 1 }, [4, 3]);

        var linear0 = (TorchSharp.Modules.Linear)model.named_children().First().module;
        using var before = linear0.weight!.detach().clone();
        using var beforeBias = linear0.bias!.detach().clone();
        optimizer.zero_grad();
        using var hidden = linear0.forward(x).detach();
        using var output = model.forward(x);
        output.pow(2).sum().backward();
        double expectedGrad = Math.Sqrt(linear0.weight.grad!.pow(2).sum().item<float>() + linear0.bias.grad!.pow(2).sum().item<float>());
        optimizer.step();
        diagnostics.OnStep(new StepMetrics(1, 1, 0, 0, 0.1));

        var sample = Assert.Single(samples);
        double Value(string metric, string layer) => sample.Values.Single(v => v.Metric == metric && v.Layer == layer).Value;
        Assert.Equal(["0_linear", "1_linear"], sample.ParameterisedLayers);
        Assert.Equal(expectedGrad, Value("gradNorm", "0_linear"), 1e-5 * expectedGrad);
        double change = Math.Sqrt((linear0.weight - before).pow(2).sum().item<float>() + (linear0.bias - beforeBias).pow(2).sum().item<float>());
        double norm = Math.Sqrt(before.pow(2).sum().item<float>() + beforeBias.pow(2).sum().item<float>());
        Assert.Equal(change / norm, Value("updateRatio", "0_linear"), 1e-4 * change / norm);

        var h = hidden.data<float>().ToArray();
        var relu = h.Select(v => Math.Max(v, 0f)).ToArray();
        double mean = relu.Average();
        Assert.Equal(mean, Value("activationMean", "0_relu"), 1e-5);
        Assert.Equal(relu.Select(v => (v - mean) * (v - mean)).Average(), Value("activationVariance", "0_relu"), 1e-5);
        int dead = Enumerable.Range(0, 4).Count(unit => Enumerable.Range(0, 4).All(row => h[row * 4 + unit] <= 0));
        Assert.Equal(dead / 4.0, Value("deadFraction", "0_relu"), 1e-9);
        Assert.DoesNotContain(sample.Values, v => v.Metric == "deadFraction" && v.Layer == "1_sigmoid");
        Assert.Contains(sample.Values, v => v.Metric == "saturatedFraction" && v.Layer == "1_sigmoid");
    }

    [Fact]
    public void SampledStep_OverFlatParameters_GivesTheFiguresOfSeparateTensors()
    {
        // Three parameterised layers, so a wrong run of the flat buffers would show.
        var spec = Model with { Layers = [.. Model.Layers, new LinearLayerSpec { Units = 3 }] };
        var separate = Sample(spec, flat: false);
        var flat = Sample(spec, flat: true);
        Assert.Equal(separate.Select(v => (v.Metric, v.Layer)), flat.Select(v => (v.Metric, v.Layer)));
        Assert.Contains(flat, v => v.Metric == "updateRatio" && v.Layer == "2_linear");
        foreach (var (a, b) in separate.Zip(flat))
            Assert.True(Math.Abs(a.Value - b.Value) <= 1e-6 * Math.Max(1e-3, Math.Abs(a.Value)), $"{a.Metric}/{a.Layer}: {a.Value} vs {b.Value}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HostPath_GivesTheDevicePathsFigures_ForEveryFamily(bool flat)
    {
        // Every family: dying with the amax shortcut (relu) and with the mask rule (hard tanh, hard sigmoid), leaky, saturating, plain linear outputs.
        var spec = new ModelSpec
        {
            InputShape = [5],
            Layers = [
                new LinearLayerSpec { Units = 9, Activation = Activation.Relu }, new LinearLayerSpec { Units = 7, Activation = Activation.HardTanh },
                new LinearLayerSpec { Units = 6, Activation = Activation.LeakyRelu }, new LinearLayerSpec { Units = 5, Activation = Activation.Tanh },
                new LinearLayerSpec { Units = 4, Activation = Activation.HardSigmoid }, new LinearLayerSpec { Units = 3 },
            ],
        };
        using var generator = new Generator(11);
        // Inputs alike in sign, so units keep one sign over the batch and some die.
        using var x = rand(16, 5, generator: generator).add(2);
        var device = Sample(spec, flat, allowHost: false, x);
        var host = Sample(spec, flat, allowHost: true, x);
        Assert.Equal(device.Select(v => (v.Metric, v.Layer)), host.Select(v => (v.Metric, v.Layer)));
        foreach (var metric in DiagnosticMetrics.All) Assert.Contains(host, v => v.Metric == metric);
        // Counts are exact; sums differ by float32 rounding (libtorch accumulates in float32, the host in double).
        Assert.Contains(host, v => v.Metric == "deadFraction" && v.Value > 0 && !v.Layer.EndsWith("leaky_relu"));
        Assert.Contains(host, v => v.Metric == "saturatedFraction" && v.Value > 0);
        foreach (var (a, b) in device.Zip(host))
            Assert.True(Math.Abs(a.Value - b.Value) <= 2e-6 * Math.Max(1e-2, Math.Abs(a.Value)), $"{a.Metric}/{a.Layer}: {a.Value} vs {b.Value}");
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void TrainingSession_OnTheCpu_ComputesOnHost(OptimizerKind kind)
    {
        // What the service's jobs attach to: Adam's session lays the parameters out flat, SGD's keeps separate tensors.
        OptimizerSpec optimizer = kind == OptimizerKind.Adam ? new AdamOptimizerSpec { Lr = 0.01 } : new SgdOptimizerSpec { Lr = 0.1 };
        var spec = XorSpecs.For(optimizer, new TrainingSettings { Epochs = 1, BatchSize = 4, Seed = 3 });
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(spec.Dataset), spec.Training);
        using var session = TrainingSession.Start(spec, data);
        Assert.Equal(kind == OptimizerKind.Adam, session.FlatLayout is not null);
        using var diagnostics = LayerDiagnostics.Attach(session, new DiagnosticsSpec { Every = 1 }, _ => { });
        Assert.True(diagnostics.ComputesOnHost);
    }

    public enum OptimizerKind { Adam, Sgd }

    /// <summary>One SGD step with diagnostics, the parameters laid out flat or not.</summary>
    static IReadOnlyList<LayerValue> Sample(ModelSpec spec, bool flat, bool allowHost = true, Tensor? input = null)
    {
        using var scope = NewDisposeScope();
        using var model = NetworkFactory.Build(spec, seed: 5);
        var parameters = model.parameters().ToArray();
        using var layout = flat ? FlatParameters.TryCreate(parameters) : null;
        Assert.Equal(flat, layout is not null);
        using var optimizer = optim.SGD(parameters, learningRate: 0.1);
        var samples = new List<DiagnosticSample>();
        using var diagnostics = LayerDiagnostics.Attach(model, new DiagnosticsSpec { Every = 1, SaturationInput = 0.5 }, new TrainingProgress(), samples.Add, layout, allowHost);
        Assert.Equal(allowHost, diagnostics.ComputesOnHost);
        var x = input ?? tensor(new float[] { 1, -2, 0.5f, -1, 0.3f, 2, 0.1f, 0.2f, -0.3f, 3, -1, 1 }, [4, 3]);
        model.forward(x).pow(2).sum().backward();
        optimizer.step();
        diagnostics.OnStep(new StepMetrics(1, 1, 0, 0, 0.1));
        return Assert.Single(samples).Values;
    }

    [Fact]
    public void StepsUnit_SamplesTheFirstAndEveryNth_EpochsUnit_FirstStepOfEveryNthEpoch()
    {
        var steps = new SamplingSchedule(new DiagnosticsSpec { Every = 10 });
        Assert.Equal([1L, 11, 21], Enumerable.Range(1, 25).Where(s => steps.IsSampled(s, 1, false)).Select(s => (long)s));
        var epochs = new SamplingSchedule(new DiagnosticsSpec { Every = 2, Unit = DiagnosticsUnit.Epochs });
        Assert.True(epochs.IsSampled(1, 1, true));
        Assert.False(epochs.IsSampled(2, 1, false));
        Assert.False(epochs.IsSampled(6, 2, true));
        Assert.True(epochs.IsSampled(11, 3, true));
    }

    [Fact]
    public void SigmoidCurve_DerivativeByAutograd_IsSigmaTimesOneMinusSigma()
    {
        var curve = ActivationCurve.Sample(Activation.Sigmoid, -4, 4, 9);
        for (int i = 0; i < 9; i++)
        {
            double s = 1 / (1 + Math.Exp(-curve.X[i]));
            Assert.Equal(s, curve.Y[i], 1e-6);
            Assert.Equal(s * (1 - s), curve.Derivative[i], 1e-6);
        }
        var softmax = ActivationCurve.Sample(Activation.Softmax, -4, 4, 9);
        Assert.Equal(curve.Y, softmax.Y, (a, b) => Math.Abs(a - b) < 1e-6); // softmax(z, 0)₀ = σ(z)
    }
}
