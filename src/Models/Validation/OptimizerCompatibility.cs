using TrainService.Contracts.Specs;

namespace TrainService.Models.Validation;

/// <summary>Checks the optimizer against the model and the training controls.</summary>
public static class OptimizerCompatibility
{
    public static void Check(TrainingSpec spec, long parameters, ValidationErrors errors)
    {
        if (spec.Optimizer is NewtonOptimizerSpec)
        {
            if (parameters > NewtonOptimizerSpec.MaxParameters)
                errors.Add("$.optimizer.kind", $"newton builds the exact {parameters}×{parameters} Hessian; it accepts models of at most {NewtonOptimizerSpec.MaxParameters} parameters and this one has {parameters}");
            if (spec.Training.Clipping is not null)
                errors.Add("$.training.clipping", "newton differentiates the loss itself and cannot clip gradients; remove clipping or choose another optimizer");
        }
    }
}
