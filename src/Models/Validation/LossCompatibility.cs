using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;

namespace TrainService.Models.Validation;

/// <summary>Checks that the loss fits the model's output and the dataset's targets.</summary>
public static class LossCompatibility
{
    const string Kind = "$.loss.kind";

    public static void Check(TrainingSpec spec, DatasetShape data, int[] output, ValidationErrors errors)
    {
        string outputText = ShapeInference.Format(output);
        string name = ShapeInference.KindOfLoss(spec.Loss);
        switch (spec.Loss)
        {
            case BceLossSpec or BceLogitsLossSpec or HingeLossSpec:
                if (data.Task != TaskKind.BinaryClassification)
                    errors.Add(Kind, $"{name} needs a binary classification dataset; this dataset is {data.Task}");
                if (output is not [1])
                    errors.Add(Kind, $"{name} needs one output unit but the model produces {outputText}");
                else if (spec.Loss is BceLossSpec && !EndsInSigmoid(spec.Model))
                    errors.Add($"$.model.layers[{spec.Model.Layers.Count - 1}].activation", "bce works on probabilities: the last layer needs a sigmoid activation (or use bce_logits on raw scores)");
                else if (spec.Loss is not BceLossSpec && EndsInSigmoid(spec.Model))
                    errors.Add($"$.model.layers[{spec.Model.Layers.Count - 1}].activation", $"{name} expects a raw score; remove the final sigmoid (or use bce)");
                break;
            case MseLossSpec or MaeLossSpec or HuberLossSpec or MultilabelBceLossSpec:
                if (output.Length != 1 || output[0] != data.TargetWidth)
                    errors.Add(Kind, $"{name} compares outputs with targets of shape [{data.TargetWidth}] but the model produces {outputText}");
                break;
            case CrossEntropyLossSpec:
                int classes = data.TargetWidth == 1 ? data.Classes : data.TargetWidth;
                if (data.TargetWidth == 1 && data.Task == TaskKind.Regression)
                    errors.Add(Kind, "cross_entropy needs class labels or probability targets; this dataset is a regression task");
                else if (output is not [var c] || c != classes)
                    errors.Add(Kind, $"cross_entropy needs {classes} outputs (one raw score per class) but the model produces {outputText}");
                break;
            case TripletLossSpec or ContrastiveLossSpec:
                errors.Add(Kind, $"{name} needs a dataset of {(spec.Loss is TripletLossSpec ? "(anchor, positive, negative) triplets" : "labelled pairs")}; none of the available datasets provides them");
                break;
        }
    }

    static bool EndsInSigmoid(ModelSpec model) => model.Layers[^1] switch
    {
        LinearLayerSpec l => l.Activation == Activation.Sigmoid,
        Conv2dLayerSpec c => c.Activation == Activation.Sigmoid,
        ActivationLayerSpec a => a.Function == Activation.Sigmoid,
        _ => false,
    };
}
