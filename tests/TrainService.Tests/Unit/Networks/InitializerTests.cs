using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Networks;

/// <summary>biasInit, inputInit/recurrentInit and forgetGateBias set exactly the parameters they name.</summary>
public sealed class InitializerTests
{
    static Dictionary<string, Tensor> Parameters(nn.Module network) =>
        network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach());

    [Fact]
    public void ConstantBiasInit_FillsEveryBias_ModelDefaultAppliesWhereTheLayerSetsNone()
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec
        {
            InputShape = [3],
            BiasInit = new InitSpec { Scheme = InitScheme.Zeros },
            Layers = [new LinearLayerSpec { Units = 4, BiasInit = new InitSpec { Scheme = InitScheme.Constant, Value = -3 } }, new LinearLayerSpec { Units = 2 }],
        };
        using var network = NetworkFactory.Build(model, 1);
        var p = Parameters(network);
        Assert.True(p["0_linear.bias"].eq(-3f).all().item<bool>());
        Assert.True(p["1_linear.bias"].eq(0f).all().item<bool>());
        Assert.True(p["0_linear.weight"].abs().sum().item<float>() > 0); // weights keep their default
    }

    [Fact]
    public void HighwayBiasInit_SetsTheTransformBias_TheGateKeepsGateBias()
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec { InputShape = [4], Layers = [new HighwayLayerSpec { GateBias = -2, BiasInit = new InitSpec { Scheme = InitScheme.Constant, Value = 0.5 } }] };
        using var network = NetworkFactory.Build(model, 1);
        var p = Parameters(network);
        Assert.True(p["0_highway.transform.bias"].eq(0.5f).all().item<bool>());
        Assert.True(p["0_highway.gate.bias"].eq(-2f).all().item<bool>());
    }

    [Fact]
    public void RecurrentInit_SetsHiddenToHiddenWeights_InputInitTheInputWeights()
    {
        using var scope = NewDisposeScope();
        var model = new ModelSpec
        {
            InputShape = [5, 3],
            Layers = [new RnnLayerSpec { Hidden = 64, InputInit = new InitSpec { Scheme = InitScheme.Zeros }, RecurrentInit = new InitSpec { Scheme = InitScheme.Normal, Std = 2.0 } }],
        };
        using var network = NetworkFactory.Build(model, 1);
        var p = Parameters(network);
        var hh = p.Single(kv => kv.Key.Contains("weight_hh", StringComparison.Ordinal)).Value;
        var ih = p.Single(kv => kv.Key.Contains("weight_ih", StringComparison.Ordinal)).Value;
        Assert.Equal(0.0, ih.abs().sum().item<float>());
        double std = Math.Sqrt(hh.square().mean().item<float>());
        Assert.InRange(std, 1.9, 2.1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForgetGateBias_SetsTheForgetGatesTotalBias_OtherGatesKeepBiasInit(bool peephole)
    {
        using var scope = NewDisposeScope();
        const int hidden = 3;
        var model = new ModelSpec
        {
            InputShape = [4, 2],
            Layers = [new LstmLayerSpec { Hidden = hidden, Peephole = peephole, ForgetGateBias = 1.0, BiasInit = new InitSpec { Scheme = InitScheme.Zeros } }],
        };
        using var network = NetworkFactory.Build(model, 1);
        var biases = Parameters(network).Where(kv => kv.Key.Split('.')[^1].StartsWith("bias", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
        Assert.Equal(peephole ? 1 : 2, biases.Count);
        var total = biases.Aggregate((a, b) => a + b); // gates i, f, g, o
        Assert.True(total.narrow(0, hidden, hidden).eq(1f).all().item<bool>());
        Assert.Equal(0.0, total.narrow(0, 0, hidden).abs().sum().item<float>() + total.narrow(0, 2 * hidden, 2 * hidden).abs().sum().item<float>());
    }
}
