using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;

namespace TrainService.Models.Validation;

/// <summary>Checks that the loss fits the model's output and the dataset's targets.</summary>
public static class LossCompatibility
{
    public static void Check(TrainingSpec spec, DatasetShape data, int[] output, ValidationErrors errors)
    {
        string outputText = ShapeInference.Format(output);
        switch (spec.Loss)
        {
            case BceLossSpec:
                if (data.Task != TaskKind.BinaryClassification)
                    errors.Add("$.loss.kind", $"bce needs a binary classification dataset; this dataset is {data.Task}");
                if (output is not [1])
                    errors.Add("$.loss.kind", $"bce needs one output unit but the model produces {outputText}");
                else if (spec.Model.Layers[^1] is LinearLayerSpec { Activation: not Activation.Sigmoid })
                    errors.Add($"$.model.layers[{spec.Model.Layers.Count - 1}].activation", "bce works on probabilities: the last layer needs a sigmoid activation");
                break;
            case MseLossSpec:
                if (output.Length != 1 || output[0] != data.TargetWidth)
                    errors.Add("$.loss.kind", $"mse compares outputs with targets of shape [{data.TargetWidth}] but the model produces {outputText}");
                break;
        }
    }
}
