using System.ComponentModel;

namespace TrainService.Contracts.Responses;

/// <summary>Raw input rows to run through a trained model.</summary>
/// <param name="Inputs">One array per example, flattened in the model's input shape (row-major).</param>
public sealed record PredictRequest(
    [property: Description("One array per example, flattened to the model's input shape (row-major).")]
    IReadOnlyList<double[]> Inputs);

/// <summary>The model's outputs for each input row.</summary>
/// <param name="Outputs">The final layer's output per example.</param>
/// <param name="Classes">The predicted class per example, for classifiers (threshold 0.5 for one sigmoid unit, arg-max otherwise).</param>
public sealed record PredictResponse(IReadOnlyList<double[]> Outputs, IReadOnlyList<int>? Classes);
