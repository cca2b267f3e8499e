using TrainService.Models.Optimizers;
using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>Saving after 5 steps and restoring into a fresh model and optimizer continues the exact trajectory of 10 uninterrupted steps.</summary>
public sealed class OptimizerStateTests
{
    static readonly ModelSpec Mlp = new()
    {
        InputShape = [2],
        Layers = [new LinearLayerSpec { Units = 3, Activation = Activation.Tanh }, new LinearLayerSpec { Units = 1, Activation = Activation.Sigmoid }],
    };

    static readonly float[] X = [0, 0, 0, 1, 1, 0, 1, 1, 0.2f, 0.9f, 0.8f, 0.1f];
    static readonly float[] Y = [0, 1, 1, 0, 1, 1];

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void SaveAfterFiveSteps_RestoreIntoFreshObjects_EqualsTenSteps(string name)
    {
        var spec = OptimizerCases.All[name];
        var straight = Weights(Train(spec, seed: 3, steps: 10, state: null, out _));

        using var first = Train(spec, seed: 3, steps: 5, state: null, out var saved);
        var weights = new MemoryStream();
        first.save(new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true));
        weights.Position = 0;
        saved.Position = 0;
        using var fresh = NetworkFactory.Build(Mlp, seed: 99);
        fresh.load(new BinaryReader(weights, System.Text.Encoding.UTF8, leaveOpen: true));
        var resumed = Weights(Train(spec, fresh, steps: 5, state: saved, out _));

        Assert.NotEqual(Weights(NetworkFactory.Build(Mlp, seed: 3)), straight);
        Assert.Equal(straight, resumed);
    }

    static nn.Module<Tensor, Tensor> Train(OptimizerSpec spec, long seed, int steps, Stream? state, out MemoryStream saved) =>
        Train(spec, NetworkFactory.Build(Mlp, seed), steps, state, out saved);

    static nn.Module<Tensor, Tensor> Train(OptimizerSpec spec, nn.Module<Tensor, Tensor> model, int steps, Stream? state, out MemoryStream saved)
    {
        var parameters = model.parameters().ToArray();
        using var optimizer = OptimizerFactory.Create(spec, parameters);
        if (state is not null) optimizer.LoadState(state);
        var settings = new TrainingSettings();
        var loss = LossFactory.Create(new BceLossSpec());
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var x = tensor(X, [6, 2]);
            var y = tensor(Y, [6, 1]);
            optimizer.Step(new BatchClosure(model, loss, x, y, parameters, settings));
        }
        saved = new MemoryStream();
        optimizer.SaveState(saved);
        return model;
    }

    static float[] Weights(nn.Module<Tensor, Tensor> model) =>
        model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
}
