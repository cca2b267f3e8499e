using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Models.Validation;

/// <summary>Checks the optimizer and the training controls against the model and the dataset.</summary>
public static class OptimizerCompatibility
{
    public static void Check(TrainingSpec spec, DatasetShape data, long parameters, ValidationErrors errors)
    {
        if (spec.Optimizer is NewtonOptimizerSpec)
        {
            if (parameters > NewtonOptimizerSpec.MaxParameters)
                errors.Add("$.optimizer.kind", $"newton builds the exact {parameters}×{parameters} Hessian; it accepts models of at most {NewtonOptimizerSpec.MaxParameters} parameters and this one has {parameters}");
            if (spec.Training.Clipping is not null)
                errors.Add("$.training.clipping", "newton differentiates the loss itself and cannot clip gradients; remove clipping or choose another optimizer");
        }
        if (spec.Training.EarlyStopping is { } early)
        {
            if (spec.Training.ValidationSplit <= 0)
                errors.Add("$.training.earlyStopping", "early stopping watches a validation metric; set training.validationSplit above 0");
            if (early.Monitor == EarlyStoppingMetric.ValAccuracy && data.Task == TaskKind.Regression)
                errors.Add("$.training.earlyStopping.monitor", "valAccuracy exists only for classifiers; use valLoss");
        }
    }
}
