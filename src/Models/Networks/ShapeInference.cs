using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>The shape after one layer, or why the layer cannot accept its input.</summary>
public sealed record LayerShape(string Path, string Kind, int[] OutputShape, long Parameters);

/// <summary>
/// Walks the layer list and computes each layer's output shape without building tensors, so
/// a mismatch becomes a validation error instead of a native abort inside libtorch.
/// </summary>
public static class ShapeInference
{
    public static (IReadOnlyList<LayerShape> Layers, IReadOnlyDictionary<string, string> Errors) Infer(ModelSpec model, string path = "$.model")
    {
        var layers = new List<LayerShape>();
        var errors = new Dictionary<string, string>();
        var shape = model.InputShape;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            string layerPath = $"{path}.layers[{i}]";
            var (next, parameters, error) = Next(model.Layers[i], shape);
            if (error is not null)
            {
                errors[layerPath] = error;
                return (layers, errors); // later shapes are unknowable once one is wrong
            }
            layers.Add(new LayerShape(layerPath, KindOf(model.Layers[i]), next!, parameters));
            shape = next!;
        }
        return (layers, errors);
    }

    static (int[]? Shape, long Parameters, string? Error) Next(LayerSpec layer, int[] input) => layer switch
    {
        LinearLayerSpec linear when input.Length != 1 =>
            (null, 0, $"linear expects a flat input but receives {Format(input)}; add a flatten layer before it"),
        LinearLayerSpec linear => ([linear.Units], (long)input[0] * linear.Units + (linear.Bias ? linear.Units : 0), null),
        _ => (null, 0, $"layer kind {KindOf(layer)} has no shape rule"),
    };

    public static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    static string KindOf(LayerSpec layer) => layer switch
    {
        LinearLayerSpec => "linear",
        _ => layer.GetType().Name,
    };
}
