using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Networks;

/// <summary>Truncated BPTT, stochastic depth, highway gate bias and initialiser statistics, checked on built networks.</summary>
public sealed class BlockBehaviourTests
{
    static Tensor InputGradient(ModelSpec model, int? window, Tensor x)
    {
        torch.set_num_threads(1); // see CatalogCoverageTests: gradients are computed on one thread here, as in the service
        using var network = NetworkFactory.Build(model, 1, window);
        network.train();
        var input = x.detach().clone().requires_grad_();
        network.forward(input).sum().backward();
        return input.grad!.detach().clone();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedBptt_StopsGradientsAtTheWindow(bool peephole)
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec { InputShape = [6, 2], Layers = [new LstmLayerSpec { Hidden = 3, Peephole = peephole }] };
        using var generator = new Generator(9);
        var x = randn([2, 6, 2], generator: generator);
        var full = InputGradient(model, null, x);
        var truncated = InputGradient(model, 2, x);
        // The last output sees steps 4 and 5 through the final window only.
        Assert.True(full.narrow(1, 0, 4).abs().sum().item<float>() > 0);
        Assert.Equal(0f, truncated.narrow(1, 0, 4).abs().sum().item<float>());
        Assert.True(truncated.narrow(1, 4, 2).allclose(full.narrow(1, 4, 2), 1e-5, 1e-6));
    }

    [Fact]
    public void Residual_WithStochasticDepth_ScalesTheBranchInEval_AndDropsOrKeepsItWholeInTraining()
    {
        using var scope = NewDisposeScope();
        var block = new ResidualLayerSpec { Layers = [new LinearLayerSpec { Units = 3, Bias = false }], StochasticDepth = 0.5 };
        using var network = NetworkFactory.Build(new ModelSpec { InputShape = [3], Layers = [block] }, 1);
        var weight = network.parameters().Single();
        var x = tensor(new float[] { 1, -2, 0.5f }, [1, 3]);
        var branch = nn.functional.linear(x, weight).detach();
        network.eval();
        Assert.True(network.forward(x).allclose(x + 0.5 * branch, 1e-5, 1e-6));
        network.train();
        var outcomes = Enumerable.Range(0, 40).Select(_ => network.forward(x).detach()).ToList();
        int dropped = outcomes.Count(o => o.allclose(x, 1e-6, 1e-7));
        int kept = outcomes.Count(o => o.allclose(x + branch, 1e-5, 1e-6));
        Assert.Equal(40, dropped + kept);
        Assert.InRange(dropped, 8, 32);
    }

    [Fact]
    public void Highway_GateBiasStartsAtTheSpecValue_AndLayerStartsNearIdentity()
    {
        using var scope = NewDisposeScope();
        using var network = NetworkFactory.Build(new ModelSpec { InputShape = [4], Layers = [new HighwayLayerSpec { GateBias = -2 }] }, 1);
        var gateBias = network.named_parameters().Single(p => p.name.EndsWith("gate.bias", StringComparison.Ordinal)).parameter;
        Assert.All(gateBias.data<float>().ToArray(), b => Assert.Equal(-2f, b));
    }

    [Theory]
    [InlineData(InitScheme.HeNormal, 2.0)]
    [InlineData(InitScheme.LecunNormal, 1.0)]
    [InlineData(InitScheme.XavierNormal, 2.0 * 200 / (200 + 300))]
    [InlineData(InitScheme.HeUniform, 2.0)]
    [InlineData(InitScheme.XavierUniform, 2.0 * 200 / (200 + 300))]
    public void Initialiser_WeightVarianceMatchesFanFormula(InitScheme scheme, double varianceTimesFanIn)
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec { InputShape = [200], Layers = [new LinearLayerSpec { Units = 300, Init = new InitSpec { Scheme = scheme } }] };
        using var network = NetworkFactory.Build(model, 1);
        var weight = network.named_parameters().First(p => p.name.EndsWith("weight", StringComparison.Ordinal)).parameter;
        double variance = weight.var().item<float>();
        Assert.InRange(variance * 200, varianceTimesFanIn * 0.95, varianceTimesFanIn * 1.05);
    }

    [Fact]
    public void Orthogonal_RecurrentHiddenWeights_AreOrthogonal()
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec { InputShape = [5, 3], Layers = [new GruLayerSpec { Hidden = 4, InputInit = new InitSpec { Scheme = InitScheme.XavierUniform } }] };
        using var network = NetworkFactory.Build(model, 1);
        var hidden = network.named_parameters().Single(p => p.name.Contains("weight_hh", StringComparison.Ordinal)).parameter.detach(); // [3H, H]
        var gram = hidden.t().mm(hidden);
        Assert.True(gram.allclose(eye(4), 1e-4, 1e-4));
    }
}
