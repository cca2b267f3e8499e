using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>Shape rules of the blocks that hold inner layer lists; inner errors carry their own paths (…layers[3].layers[1]).</summary>
public static class BlockShapes
{
    public static (int[]? Shape, long Parameters) Residual(ResidualLayerSpec r, int[] input, string path, Dictionary<string, string> errors)
    {
        if (r.Bottleneck is not null && r.Layers.Count > 0) return Fail(errors, $"{path}.layers", "give either inner layers or a bottleneck, not both");
        if (r.Bottleneck is null && r.Layers.Count == 0) return Fail(errors, $"{path}.layers", "a residual block needs inner layers or a bottleneck");
        if (r.Bottleneck is not null && input.Length != 3) return Fail(errors, $"{path}.bottleneck", $"a bottleneck needs a [C, H, W] input but receives {ShapeInference.Format(input)}");
        if (r.BatchNorm && input.Length is not (1 or 3)) return Fail(errors, $"{path}.batchNorm", $"batch norm needs [F] or [C, H, W] but the block receives {ShapeInference.Format(input)}");

        var (output, parameters) = ShapeInference.Walk(BranchOf(r, input), input, $"{path}.layers", errors);
        if (output is null) return (null, 0);
        if (r.BatchNorm) parameters += 2L * (r.PreActivation ? input[0] : output[0]);
        if (r.Activation == Activation.Prelu) parameters += 1;
        if (output.SequenceEqual(input)) return (output, parameters);
        if (ProjectionStride(input, output) is not { } stride)
            return Fail(errors, path, $"the residual branch maps {ShapeInference.Format(input)} to {ShapeInference.Format(output)}; no linear or strided 1×1 projection can match them");
        return (output, parameters + (long)input[0] * output[0]);
    }

    /// <summary>The inner layers, or the generated 1×1 reduce → k×k → 1×1 expand convolutions.</summary>
    public static IReadOnlyList<LayerSpec> BranchOf(ResidualLayerSpec r, int[] input) => r.Bottleneck is not { } b ? r.Layers :
    [
        new Conv2dLayerSpec { Filters = b.Reduce, Kernel = 1, Activation = b.Activation },
        new Conv2dLayerSpec { Filters = b.Reduce, Kernel = b.Kernel, Padding = b.Kernel / 2, Activation = b.Activation },
        new Conv2dLayerSpec { Filters = b.Filters ?? input[0], Kernel = 1 },
    ];

    /// <summary>1 for flat→flat (a linear projection), s for [C,H,W]→[C',H/s,W/s] (a 1×1 conv, stride s), null when nothing fits.</summary>
    public static int? ProjectionStride(int[] input, int[] output)
    {
        if (input.Length == 1 && output.Length == 1) return 1;
        if (input.Length != 3 || output.Length != 3 || output[1] == 0 || output[2] == 0) return null;
        if (input[1] % output[1] != 0 || input[2] % output[2] != 0) return null;
        int stride = input[1] / output[1];
        return input[2] / output[2] == stride && LayerShapes.Conv(input[1], 1, stride, 0) == output[1] ? stride : null;
    }

    public static (int[]? Shape, long Parameters) DenseConcat(DenseConcatLayerSpec d, int[] input, string path, Dictionary<string, string> errors)
    {
        var (output, parameters) = ShapeInference.Walk(d.Layers, input, $"{path}.layers", errors);
        if (output is null) return (null, 0);
        if (input.Length == 1 && output.Length == 1) return ([input[0] + output[0]], parameters);
        if (input.Length == 3 && output.Length == 3 && input[1] == output[1] && input[2] == output[2])
            return ([input[0] + output[0], input[1], input[2]], parameters);
        return Fail(errors, path, $"dense_concat joins along features or channels, but its input {ShapeInference.Format(input)} and the branch output {ShapeInference.Format(output)} cannot be concatenated (flat+flat, or equal H and W)");
    }

    static (int[]? Shape, long Parameters) Fail(Dictionary<string, string> errors, string path, string message)
    {
        errors.TryAdd(path, message);
        return (null, 0);
    }
}
