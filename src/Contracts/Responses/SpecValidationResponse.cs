namespace TrainService.Contracts.Responses;

/// <summary>What a valid spec builds: each layer's output shape and the parameter count, and what is likely to go wrong.</summary>
/// <param name="Layers">One entry per layer, in order.</param>
/// <param name="Parameters">Trainable parameters of the whole network.</param>
/// <param name="Warnings">Likely pathologies (vanishing gradients, explosion, …) with the field to change; empty when none.</param>
public sealed record SpecValidationResponse(IReadOnlyList<LayerShapeResponse> Layers, long Parameters, IReadOnlyList<SpecWarning> Warnings);

/// <summary>One layer as shape inference sees it.</summary>
/// <param name="Path">JSON path of the layer in the spec.</param>
/// <param name="Kind">The layer's kind.</param>
/// <param name="OutputShape">Output shape without the batch dimension.</param>
/// <param name="Parameters">Trainable parameters of the layer.</param>
public sealed record LayerShapeResponse(string Path, string Kind, int[] OutputShape, long Parameters);
