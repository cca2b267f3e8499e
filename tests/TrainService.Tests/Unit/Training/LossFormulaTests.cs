using TrainService.Contracts.Specs;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>Each loss against a hand computation on a few numbers.</summary>
public sealed class LossFormulaTests
{
    static double Loss(LossSpec spec, float[] output, long[] outputShape, float[] target, long[] targetShape)
    {
        using var scope = NewDisposeScope();
        return LossFactory.Create(spec)(tensor(output, outputShape), tensor(target, targetShape)).item<float>();
    }

    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Regression_Losses_MatchHandComputation()
    {
        float[] o = [1f, 2f, 3f], t = [1.5f, 2f, 1f]; // errors −0.5, 0, 2
        Assert.Equal((0.25 + 0 + 4) / 3, Loss(new MseLossSpec(), o, [3, 1], t, [3, 1]), 5);
        Assert.Equal((0.5 + 0 + 2) / 3, Loss(new MaeLossSpec(), o, [3, 1], t, [3, 1]), 5);
        Assert.Equal((0.5 * 0.25 + 0 + 1 * (2 - 0.5)) / 3, Loss(new HuberLossSpec(), o, [3, 1], t, [3, 1]), 5);
        Assert.Equal((0.5 * 0.25 + 0 + 0.5 * 4) / 3, Loss(new HuberLossSpec { Delta = 3 }, o, [3, 1], t, [3, 1]), 5);
    }

    [Fact]
    public void Binary_Losses_MatchHandComputation()
    {
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, Loss(new BceLossSpec(), [0.8f, 0.3f], [2, 1], [1f, 0f], [2, 1]), 5);
        Assert.Equal(-(Math.Log(Sigmoid(0.5)) + Math.Log(1 - Sigmoid(-1.5))) / 2, Loss(new BceLogitsLossSpec(), [0.5f, -1.5f], [2, 1], [1f, 0f], [2, 1]), 5);
        // y' = 2y − 1: max(0, 1 − 0.3) = 0.7, max(0, 1 − (−1)(−2)) = 0, max(0, 1 + 1.5) = 2.5
        Assert.Equal((0.7 + 0 + 2.5) / 3, Loss(new HingeLossSpec(), [0.3f, -2f, 1.5f], [3, 1], [1f, 0f, 0f], [3, 1]), 5);
    }

    [Fact]
    public void CrossEntropy_WithIndicesAndWithProbabilities_MatchesLogSoftmax()
    {
        float[] logits = [2f, 1f, 0f, 0f, 0f, 3f];
        double lse1 = Math.Log(Math.Exp(2) + Math.Exp(1) + 1), lse2 = Math.Log(2 + Math.Exp(3));
        double sparse = ((lse1 - 2) + (lse2 - 3)) / 2; // labels 0 and 2
        Assert.Equal(sparse, Loss(new CrossEntropyLossSpec(), logits, [2, 3], [0f, 2f], [2, 1]), 5);
        Assert.Equal(sparse, Loss(new CrossEntropyLossSpec(), logits, [2, 3], [1f, 0f, 0f, 0f, 0f, 1f], [2, 3]), 5);
        double soft = (0.5 * (lse1 - 2) + 0.5 * (lse1 - 1) + (lse2 - 0)) / 2; // [0.5, 0.5, 0] and [1, 0, 0]
        Assert.Equal(soft, Loss(new CrossEntropyLossSpec(), logits, [2, 3], [0.5f, 0.5f, 0f, 1f, 0f, 0f], [2, 3]), 5);
    }

    [Fact]
    public void MultilabelBce_IsTheMeanOverEveryLabel()
    {
        double expected = -(Math.Log(Sigmoid(1)) + Math.Log(1 - Sigmoid(-2)) + Math.Log(1 - Sigmoid(0.5)) + Math.Log(Sigmoid(0))) / 4;
        Assert.Equal(expected, Loss(new MultilabelBceLossSpec(), [1f, -2f, 0.5f, 0f], [2, 2], [1f, 0f, 0f, 1f], [2, 2]), 5);
    }

    [Fact]
    public void Triplet_UsesSquaredDistances()
    {
        // (a, p, n) = ([0,0], [1,0], [0,2]): 1 − 4 + 0.2 < 0 → 0;  ([0,0], [2,0], [1,0]): 4 − 1 + 0.2 = 3.2
        float[] output = [0, 0, 1, 0, 0, 2, 0, 0, 2, 0, 1, 0];
        Assert.Equal(3.2 / 2, Loss(new TripletLossSpec(), output, [2, 3, 2], [0f, 0f], [2, 1]), 5);
    }

    [Fact]
    public void Contrastive_PullsSimilarPairs_AndPushesDissimilarOnesPastTheMargin()
    {
        // similar pair at distance 0.5 → 0.25; dissimilar at 0.5 with m = 2 → 1.5² = 2.25; dissimilar at 3 → 0
        float[] output = [0, 0, 0.5f, 0, 0, 0, 0, 0.5f, 0, 0, 3, 0];
        Assert.Equal((0.25 + 2.25 + 0) / 3, Loss(new ContrastiveLossSpec { Margin = 2 }, output, [3, 2, 2], [1f, 0f, 0f], [3, 1]), 4);
    }
}
