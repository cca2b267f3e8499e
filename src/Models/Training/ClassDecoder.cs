using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>How a model's outputs become class labels, decided once from the task and the loss.</summary>
public enum ClassDecoding
{
    /// <summary>Regression: outputs are the answer.</summary>
    None,
    /// <summary>One probability per example: class 1 when ≥ 0.5.</summary>
    Threshold,
    /// <summary>One score per class: the largest wins.</summary>
    ArgMax,
    /// <summary>One raw score per example (logit or hinge margin): class 1 when ≥ 0.</summary>
    Sign,
}

public static class ClassDecoder
{
    public static ClassDecoding For(DatasetShape data, LossSpec? loss = null) => data.Task switch
    {
        TaskKind.BinaryClassification when loss is CrossEntropyLossSpec => ClassDecoding.ArgMax,
        TaskKind.BinaryClassification when loss is BceLogitsLossSpec or HingeLossSpec => ClassDecoding.Sign,
        TaskKind.BinaryClassification => ClassDecoding.Threshold,
        TaskKind.MulticlassClassification => ClassDecoding.ArgMax,
        _ => ClassDecoding.None,
    };

    /// <summary>Class indices of a batch of outputs as an int64 tensor of shape [N].</summary>
    public static Tensor Decide(Tensor output, ClassDecoding decoding) => decoding switch
    {
        ClassDecoding.Threshold => output.reshape(-1).ge(0.5).to(ScalarType.Int64),
        ClassDecoding.Sign => output.reshape(-1).ge(0).to(ScalarType.Int64),
        ClassDecoding.ArgMax => output.argmax(1),
        _ => throw new InvalidOperationException("A regression model has no classes."),
    };

    /// <summary>Number of correct predictions in the batch, as a scalar tensor (no host sync).</summary>
    public static Tensor Correct(Tensor output, Tensor target, ClassDecoding decoding) =>
        Decide(output, decoding).eq(target.reshape(-1).to(ScalarType.Int64)).sum();
}
