using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;
using TrainService.Models.Training;

namespace TrainService.Models.Validation;

/// <summary>The result of validating a spec: errors, or the inferred layer shapes and the warnings of a valid spec.</summary>
public sealed record SpecValidationResult(IDictionary<string, string[]> Errors, IReadOnlyList<LayerShape> Layers)
{
    public IReadOnlyList<SpecWarning> Warnings { get; init; } = [];

    public bool IsValid => Errors.Count == 0;
    public long Parameters => Layers.Sum(l => l.Parameters);
}

/// <summary>
/// Gates two and three: field ranges, then the meaning of the whole spec (shapes through the
/// layer list, loss against output and dataset, device availability). Every error found is
/// reported at once; nothing is enqueued unless this passes.
/// </summary>
public static class SpecValidator
{
    /// <param name="deviceCheck">Why a device cannot train the spec, or null when it can. Default: whether this process has the device.</param>
    public static SpecValidationResult Validate(TrainingSpec spec, IUploadedDatasets? uploads = null, ModelLimits? limits = null, Func<ComputeDevice, string?>? deviceCheck = null)
    {
        var errors = new ValidationErrors();
        FieldRangeValidator.Validate(spec, "$", errors);
        deviceCheck ??= device => TorchDevices.IsAvailable(device) ? null : "is not available on this server (CUDA not found)";
        string? deviceUnavailable = deviceCheck(spec.Device);
        if (deviceUnavailable is not null)
            errors.Add("$.device", $"device '{spec.Device.ToString().ToLowerInvariant()}' {deviceUnavailable}; use 'cpu'");
        if (!errors.IsEmpty)
            return new SpecValidationResult(errors.ToDictionary(), []);

        if (DatasetAvailability.Describe(spec.Dataset, uploads, errors) is not { } data)
            return new SpecValidationResult(errors.ToDictionary(), []);
        DatasetSize.Check(spec.Dataset, data, limits ?? new ModelLimits(), errors);
        if (!spec.Model.InputShape.SequenceEqual(data.FeatureShape))
            errors.Add("$.model.inputShape", $"the dataset's examples have shape {ShapeInference.Format(data.FeatureShape)} but the model expects {ShapeInference.Format(spec.Model.InputShape)}");
        var (layers, shapeErrors) = ShapeInference.Infer(spec.Model);
        foreach (var (path, message) in shapeErrors) errors.Add(path, message);
        if (shapeErrors.Count == 0)
        {
            LossCompatibility.Check(spec, data, layers[^1].OutputShape, errors);
            OptimizerCompatibility.Check(spec, layers.Sum(l => l.Parameters), errors);
            ModelChecks.Check(spec, data, layers, limits ?? new ModelLimits(), errors);
        }
        TrainingCompatibility.Check(spec, data, errors);
        return errors.IsEmpty
            ? new SpecValidationResult(errors.ToDictionary(), layers) { Warnings = SpecWarnings.Find(spec) }
            : new SpecValidationResult(errors.ToDictionary(), []);
    }
}
