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
        int testRows = (int)Math.Round(data.Rows * spec.Training.TestSplit);
        if (spec.Training.TestSplit > 0 && testRows == 0)
            errors.Add("$.training.testSplit", $"holds out no example of the {data.Rows}; raise it or set 0");
        if (data.Rows - validationRows - testRows < 1)
            errors.Add(spec.Training.TestSplit > 0 ? "$.training.testSplit" : "$.training.validationSplit", "leaves no training examples");
    }
}
