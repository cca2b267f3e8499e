using System.Text.Json.Serialization;
using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Networks;

/// <summary>
/// Reads every kind from the contracts by reflection and builds and runs a sample of each, so a
/// kind added to the contracts without a builder, a shape rule or a sample fails here.
/// </summary>
public sealed class CatalogCoverageTests
{
    static IEnumerable<Type> DerivedTypes<T>() =>
        typeof(T).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

    [Fact]
    public void EveryLayerKind_HasASample()
    {
        var sampled = CatalogSamples.Layers.Select(s => s.Layer.GetType()).ToHashSet();
        var missing = DerivedTypes<LayerSpec>().Where(t => !sampled.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "no sample for: " + string.Join(", ", missing));
    }

    public static TheoryData<int> LayerSampleIndices() => new(Enumerable.Range(0, CatalogSamples.Layers.Count));

    [Theory]
    [MemberData(nameof(LayerSampleIndices))]
    public void LayerSample_Builds_RunsForwardBackward_AndMatchesInferredShapeAndParameterCount(int index)
    {
        var (input, layer) = CatalogSamples.Layers[index];
        var model = new ModelSpec { InputShape = input, Layers = [layer] };
        var (shapes, errors) = ShapeInference.Infer(model);
        Assert.Empty(errors);
        AssertRuns(model, shapes[0].OutputShape, shapes[0].Parameters);
    }

    public static TheoryData<Activation> Activations() => new(Enum.GetValues<Activation>());

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivation_WorksAsAFieldAndAsALayer(Activation activation)
    {
        var field = new ModelSpec { InputShape = [3], Layers = [new LinearLayerSpec { Units = 4, Activation = activation }] };
        var layer = new ModelSpec { InputShape = [2, 4, 4], Layers = [new ActivationLayerSpec { Function = activation }, new FlattenLayerSpec()] };
        AssertRuns(field, [4], ShapeInference.Infer(field).Layers.Sum(l => l.Parameters));
        AssertRuns(layer, [32], ShapeInference.Infer(layer).Layers.Sum(l => l.Parameters));
    }

    public static TheoryData<InitScheme> Schemes() => new(Enum.GetValues<InitScheme>());

    [Theory]
    [MemberData(nameof(Schemes))]
    public void EveryInitialiser_IsReproducibleFromTheSeed_AndBuildsLinearConvAndRecurrentLayers(InitScheme scheme)
    {
        var model = new ModelSpec
        {
            InputShape = [4, 6],
            Init = new InitSpec { Scheme = scheme, Std = 0.05, Value = 0.5 },
            Layers = [new LstmLayerSpec { Hidden = 5 }, new LinearLayerSpec { Units = 3 }, new HighwayLayerSpec()],
        };
        using var a = NetworkFactory.Build(model, 42);
        using var b = NetworkFactory.Build(model, 42);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        for (int i = 0; i < pa.Count; i++) Assert.True(pa[i].eq(pb[i]).all().item<bool>(), $"parameter {i} differs for {scheme}");
        var linearWeight = a.named_parameters().First(p => p.name.EndsWith("linear.weight", StringComparison.Ordinal)).parameter;
        if (scheme == InitScheme.Zeros) Assert.Equal(0.0, linearWeight.abs().sum().item<float>());
        else if (scheme == InitScheme.Constant) Assert.True(linearWeight.eq(0.5f).all().item<bool>());
        else Assert.True(linearWeight.abs().sum().item<float>() > 0);
        AssertRuns(model, [3], ShapeInference.Infer(model).Layers.Sum(l => l.Parameters));
    }

    [Fact]
    public void EveryLossKind_BuildsAndBackpropagates()
    {
        foreach (var type in DerivedTypes<LossSpec>())
        {
            var loss = LossFactory.Create((LossSpec)Activator.CreateInstance(type)!);
            using var scope = NewDisposeScope();
            // A generator of its own: a draw from libtorch's global one, while another test seeds it and
            // builds a network, would change that test's weights (same-seed equality tests would flake).
            using var g = new Generator(3);
            var (output, target) = type == typeof(TripletLossSpec) ? (randn([4, 3, 2], generator: g), zeros(4, 1))
                : type == typeof(ContrastiveLossSpec) ? (randn([4, 2, 2], generator: g), tensor(new float[] { 1, 0, 1, 0 }, [4, 1]))
                : type == typeof(BceLossSpec) ? (rand([4, 1], generator: g), tensor(new float[] { 1, 0, 1, 0 }, [4, 1]))
                : (randn([4, 1], generator: g), tensor(new float[] { 1, 0, 1, 0 }, [4, 1]));
            if (type == typeof(CrossEntropyLossSpec)) output = randn([4, 3], generator: g);
            output.requires_grad_();
            var value = loss(output, target);
            value.backward();
            Assert.True(float.IsFinite(value.item<float>()), type.Name);
            Assert.NotNull(output.grad);
        }
    }

    static void AssertRuns(ModelSpec model, int[] outputShape, long parameters)
    {
        // Measured here: with 2 intra-op threads, conv2d's gradient with respect to its input comes back NaN
        // in most trials (libtorch 2.10 CPU); with 1 thread it is always finite. The service runs 1 thread per
        // worker on this machine (StorageInitializer), so the test does too.
        torch.set_num_threads(1);
        using var network = NetworkFactory.Build(model, seed: 1, tbpttWindow: 2);
        using var scope = NewDisposeScope();
        network.train();
        using var generator = new Generator(5); // the global generator is shared with tests running in parallel
        var x = randn([3, .. model.InputShape.Select(d => (long)d)], generator: generator).requires_grad_();
        var y = network.forward(x);
        Assert.Equal([3L, .. outputShape.Select(d => (long)d)], y.shape);
        (y * y).sum().backward();
        Assert.NotNull(x.grad);
        float gradient = x.grad!.abs().sum().item<float>();
        Assert.True(float.IsFinite(gradient), $"input gradient {gradient} in {string.Join(",", model.Layers.Select(ShapeInference.KindOf))}; x {x.abs().sum().item<float>()} y {y.abs().sum().item<float>()}");
        Assert.Equal(parameters, network.parameters().Sum(p => p.numel()));
        network.eval();
        using (no_grad()) Assert.Equal(y.shape, network.forward(x).shape);
    }
}
