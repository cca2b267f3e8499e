using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Models.Validation;

/// <summary>Checks the training settings against the dataset's size.</summary>
public static class TrainingCompatibility
{
    public static void Check(TrainingSpec spec, DatasetShape data, ValidationErrors errors)
    {
        int validationRows = (int)Math.Round(data.Rows * spec.Training.ValidationSplit);
        if (spec.Training.ValidationSplit > 0 && validationRows == 0)
            errors.Add("$.training.validationSplit", $"holds out no example of the {data.Rows}; raise it or set 0");
        if (data.Rows - validationRows < 1)
            errors.Add("$.training.validationSplit", "leaves no training examples");
    }
}
