using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Models.Validation;

/// <summary>Checks the training settings against the dataset: split sizes, and what early stopping can watch.</summary>
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
        if (spec.Training.EarlyStopping is { } early)
        {
            if (spec.Training.ValidationSplit <= 0)
                errors.Add("$.training.earlyStopping", "early stopping watches a validation metric; set training.validationSplit above 0");
            if (early.Monitor == EarlyStoppingMetric.ValAccuracy && data.Task == TaskKind.Regression)
                errors.Add("$.training.earlyStopping.monitor", "valAccuracy exists only for classifiers; use valLoss");
        }
    }
}
