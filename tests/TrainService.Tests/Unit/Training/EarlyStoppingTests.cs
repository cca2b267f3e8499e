using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>Patience, min-delta and the restoration of the best epoch's weights.</summary>
public sealed class EarlyStoppingTests
{
    static EpochMetrics Epoch(int epoch, double valLoss) => new(epoch, 1.0, valLoss, null, null, 0.1);

    [Fact]
    public void StopsAfterPatienceEpochsWithoutMinDeltaImprovement_AndRestoresTheBestWeights()
    {
        // Built by the factory, which seeds and draws libtorch's global generator under its lock: a bare
        // nn.Linear here would draw from it while a test running in parallel builds its seeded network.
        using var model = NetworkFactory.Build(new ModelSpec { InputShape = [2], Layers = [new LinearLayerSpec { Units = 1 }] }, seed: 1);
        using var stopping = new EarlyStopping(new EarlyStoppingSpec { Patience = 2, MinDelta = 0.05 });
        float[] Weights() => model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        void Perturb() { using var g = no_grad(); foreach (var p in model.parameters()) p.add_(1.0f); }

        Assert.False(stopping.ShouldStop(Epoch(1, 1.0), model));
        Perturb();
        Assert.False(stopping.ShouldStop(Epoch(2, 0.5), model));
        var best = Weights();
        Perturb();
        Assert.False(stopping.ShouldStop(Epoch(3, 0.46), model)); // better, but by less than minDelta
        Perturb();
        Assert.True(stopping.ShouldStop(Epoch(4, 0.47), model));

        stopping.RestoreBest(model);
        Assert.Equal(2, stopping.BestEpoch);
        Assert.Equal(best, Weights());
    }
}
