using TrainService.Contracts.Specs;

namespace TrainService.Tests.Unit.Training;

/// <summary>The XOR task the optimizer tests train: 2-4-1 MLP (tanh, sigmoid), BCE, a fifth of the data held out.</summary>
public static class XorSpecs
{
    public static TrainingSpec For(OptimizerSpec optimizer, TrainingSettings? training = null, int hidden = 4) => new()
    {
        Name = "xor-" + optimizer.GetType().Name,
        Dataset = new XorDatasetSpec { Samples = 100, Noise = 0.05, Seed = 1 },
        Model = new ModelSpec
        {
            InputShape = [2],
            Layers = [new LinearLayerSpec { Units = hidden, Activation = Activation.Tanh }, new LinearLayerSpec { Units = 1, Activation = Activation.Sigmoid }],
        },
        Loss = new BceLossSpec(),
        Optimizer = optimizer,
        Training = training ?? new TrainingSettings { Epochs = 60, BatchSize = 10, Seed = 7, ValidationSplit = 0.2 },
    };
}
