using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Losses in the course's exact form, each a mean over the batch.</summary>
public static class CustomLosses
{
    /// <summary>mean max(0, 1 − y·f) with 0/1 labels mapped to y = 2·label − 1.</summary>
    public static Tensor Hinge(Tensor output, Tensor target) =>
        nn.functional.relu(1 - (target * 2 - 1) * output).mean();

    /// <summary>Softmax cross-entropy: a [N, 1] target holds class indices, a [N, C] target holds one-hot or probability rows.</summary>
    public static Tensor CrossEntropy(Tensor output, Tensor target) =>
        target.size(1) == 1 && output.size(1) != 1
            ? nn.functional.cross_entropy(output, target.reshape(-1).to(ScalarType.Int64))
            : -(target * nn.functional.log_softmax(output, 1)).sum(1).mean();

    /// <summary>Output [N, 3, D] = (anchor, positive, negative) embeddings: mean max(‖a−p‖² − ‖a−n‖² + α, 0).</summary>
    public static Tensor Triplet(Tensor output, double margin)
    {
        var anchor = output.select(1, 0);
        var positive = (anchor - output.select(1, 1)).pow(2).sum(1);
        var negative = (anchor - output.select(1, 2)).pow(2).sum(1);
        return nn.functional.relu(positive - negative + margin).mean();
    }

    /// <summary>Output [N, 2, D] = a pair of embeddings, target [N, 1] with y = 1 for similar pairs: mean y·d² + (1−y)·max(0, m − d)².</summary>
    public static Tensor Contrastive(Tensor output, Tensor target, double margin)
    {
        var distance = (output.select(1, 0) - output.select(1, 1)).pow(2).sum(1).add(1e-12).sqrt();
        var y = target.reshape(-1);
        return (y * distance.pow(2) + (1 - y) * nn.functional.relu(margin - distance).pow(2)).mean();
    }
}
