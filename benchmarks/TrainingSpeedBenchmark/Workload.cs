using TrainService.Contracts.Specs;

namespace TrainService.Benchmarks;

/// <summary>One of the workloads: the service's spec (Adam, no validation, diagnostics off) and the bare loop's layer sizes.</summary>
sealed record Workload(string Name, TrainingSpec Spec, int Dimensions, int Hidden, int Batch)
{
    public static Workload Mlp(string name, int dimensions, int hidden, int batch, int samples) => new(name, new TrainingSpec
    {
        Name = name,
        Dataset = new GaussiansDatasetSpec { Samples = samples, Centers = 10, Dimensions = dimensions, Seed = 1 },
        Model = new ModelSpec
        {
            InputShape = [dimensions],
            Layers =
            [
                new LinearLayerSpec { Units = hidden, Activation = Activation.Relu },
                new LinearLayerSpec { Units = hidden, Activation = Activation.Relu },
                new LinearLayerSpec { Units = 10 },
            ],
        },
        Loss = new CrossEntropyLossSpec(),
        Optimizer = new AdamOptimizerSpec(),
        Training = new TrainingSettings { Epochs = 1_000_000, BatchSize = batch, Seed = 1 },
    }, dimensions, hidden, batch);
}
