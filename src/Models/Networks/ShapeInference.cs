using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>The shape after one layer, or why the layer cannot accept its input.</summary>
public sealed record LayerShape(string Path, string Kind, int[] OutputShape, long Parameters);

/// <summary>
/// Walks the layer list (and the inner lists of residual and dense_concat blocks) and computes
/// each layer's output shape and parameter count without building tensors, so a mismatch
/// becomes a validation error instead of a native abort inside libtorch.
/// </summary>
public static class ShapeInference
{
    public static (IReadOnlyList<LayerShape> Layers, IReadOnlyDictionary<string, string> Errors) Infer(ModelSpec model, string path = "$.model")
    {
        var layers = new List<LayerShape>();
        var errors = new Dictionary<string, string>();
        InitChecks.CheckBias(model.BiasInit, $"{path}.biasInit", errors);
        Walk(model.Layers, model.InputShape, $"{path}.layers", errors, layers);
        return (layers, errors);
    }

    /// <summary>The output shape of a layer list (null once a layer is wrong: later shapes are unknowable) and its parameters.</summary>
    public static (int[]? Shape, long Parameters) Walk(IReadOnlyList<LayerSpec> layers, int[] shape, string path, Dictionary<string, string> errors, List<LayerShape>? record = null)
    {
        long total = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            string layerPath = $"{path}[{i}]";
            var (next, parameters) = LayerShapes.Next(layers[i], shape, layerPath, errors);
            if (next is null) return (null, total);
            record?.Add(new LayerShape(layerPath, KindOf(layers[i]), next, parameters));
            total += parameters;
            shape = next;
        }
        return (shape, total);
    }

    public static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The JSON discriminator of a layer, read from the attributes so it cannot drift.</summary>
    public static string KindOf(LayerSpec layer) => Discriminator(typeof(LayerSpec), layer.GetType());

    public static string KindOfLoss(LossSpec loss) => Discriminator(typeof(LossSpec), loss.GetType());

    static string Discriminator(Type baseType, Type type) =>
        baseType.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>()
            .FirstOrDefault(a => a.DerivedType == type)?.TypeDiscriminator as string ?? type.Name;
}
