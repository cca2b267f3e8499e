using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;

namespace TrainService.Models.Validation;

/// <summary>Checks between the model and the training settings: batch norm batch sizes, truncated BPTT, size caps.</summary>
public static class ModelChecks
{
    public static void Check(TrainingSpec spec, DatasetShape data, IReadOnlyList<LayerShape> layers, ModelLimits limits, ValidationErrors errors)
    {
        var all = Flatten(spec.Model.Layers, "$.model.layers").ToList();
        int trainRows = data.Rows - (int)Math.Round(data.Rows * spec.Training.ValidationSplit);
        int batch = spec.Training.BatchSize;
        foreach (var (layer, path) in all.Where(l => l.Layer is BatchNormLayerSpec || l.Layer is ResidualLayerSpec { BatchNorm: true }))
        {
            if (batch == 1)
                errors.Add("$.training.batchSize", $"batch norm ({path}) cannot train on batches of 1: the batch variance is undefined; use batchSize ≥ 2 or layernorm");
            else if (trainRows % batch == 1)
                errors.Add("$.training.batchSize", $"batch norm ({path}) would see a last batch of 1 example ({trainRows} training rows, batchSize {batch}); pick another batchSize");
        }
        if (spec.Training.TbpttWindow is not null)
        {
            foreach (var (_, path) in all.Where(l => l.Layer is RecurrentLayerSpec { Bidirectional: true }))
                errors.Add($"{path}.bidirectional", "truncated BPTT (training.tbpttWindow) carries state forward in time; it cannot be combined with a bidirectional layer");
            if (!all.Any(l => l.Layer is RecurrentLayerSpec))
                errors.Add("$.training.tbpttWindow", "applies to recurrent layers (rnn, lstm, gru) but the model has none");
        }
        long parameters = layers.Sum(l => l.Parameters);
        if (parameters > limits.MaxParameters)
            errors.Add("$.model", $"the model has {parameters:N0} parameters; this server accepts at most {limits.MaxParameters:N0}");
        long dataset = DatasetSize.Bytes(data);
        if (dataset > limits.MaxMemoryBytes) return; // DatasetSize has named the dataset fields already
        long memory = Add(EstimateBytes(parameters, layers, batch), dataset);
        if (memory > limits.MaxMemoryBytes)
            errors.Add("$.model", $"training would need about {DatasetSize.Mib(memory)} MiB (the dataset, weights, gradients, optimizer state and activations at batchSize {batch}); this server accepts at most {DatasetSize.Mib(limits.MaxMemoryBytes)} MiB ({ModelLimits.Section}:{nameof(ModelLimits.MaxMemoryBytes)})");
    }

    /// <summary>float32: 4 copies of the weights (value, gradient, two optimizer moments) plus each layer's output and its gradient per example; saturates instead of overflowing.</summary>
    public static long EstimateBytes(long parameters, IReadOnlyList<LayerShape> layers, int batch)
    {
        try
        {
            long activations = layers.Aggregate(0L, (sum, l) => checked(sum + l.OutputShape.Aggregate(1L, (size, d) => checked(size * d))));
            return checked(4 * (4 * parameters + 2L * batch * activations));
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    static IEnumerable<(LayerSpec Layer, string Path)> Flatten(IReadOnlyList<LayerSpec> layers, string path)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            yield return (layers[i], $"{path}[{i}]");
            var inner = layers[i] switch { ResidualLayerSpec r => r.Layers, DenseConcatLayerSpec d => d.Layers, _ => [] };
            foreach (var nested in Flatten(inner, $"{path}[{i}].layers")) yield return nested;
        }
    }
}
