using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>The shape rule and parameter count of each layer kind; errors name the layer's JSON path and the shapes involved.</summary>
public static class LayerShapes
{
    public static (int[]? Shape, long Parameters) Next(LayerSpec layer, int[] input, string path, Dictionary<string, string> errors)
    {
        InitChecks.Check(layer, path, errors); // initialiser errors do not hide the shapes after them
        string? error = Check(layer, input, path, errors);
        if (error is not null)
        {
            if (error.Length > 0) errors.TryAdd(path, error); // empty: the check named the offending field itself
            return (null, 0);
        }
        return layer switch
        {
            LinearLayerSpec l => ([l.Units], (long)input[0] * l.Units + (l.Bias ? l.Units : 0) + FieldActivation(l.Activation)),
            ActivationLayerSpec a => (input, ActivationFactory.Parameters(a, input)),
            DropoutLayerSpec or LayerNormLayerSpec or BatchNormLayerSpec => (input, Normalization(layer, input)),
            FlattenLayerSpec => ([Size(input)], 0),
            Conv2dLayerSpec c => ([c.Filters, Conv(input[1], c.Kernel, c.Stride, c.Padding), Conv(input[2], c.Kernel, c.Stride, c.Padding)],
                (long)c.Filters * input[0] * c.Kernel * c.Kernel + (c.Bias ? c.Filters : 0) + FieldActivation(c.Activation)),
            MaxPool2dLayerSpec m => ([input[0], Conv(input[1], m.Size, m.Stride ?? m.Size, 0), Conv(input[2], m.Size, m.Stride ?? m.Size, 0)], 0),
            AvgPool2dLayerSpec a => ([input[0], Conv(input[1], a.Size, a.Stride ?? a.Size, 0), Conv(input[2], a.Size, a.Stride ?? a.Size, 0)], 0),
            GlobalAvgPool2dLayerSpec => ([input[0]], 0),
            HighwayLayerSpec h => (input, 2L * (input[0] * input[0] + input[0]) + FieldActivation(h.Activation)),
            ResidualLayerSpec r => BlockShapes.Residual(r, input, path, errors),
            DenseConcatLayerSpec d => BlockShapes.DenseConcat(d, input, path, errors),
            RecurrentLayerSpec r => (RecurrentShape(r, input), RecurrentParameters(r, input[1])),
            _ => (null, 0),
        };
    }

    static string? Check(LayerSpec layer, int[] input, string path, Dictionary<string, string> errors)
    {
        string kind = ShapeInference.KindOf(layer);
        string shape = ShapeInference.Format(input);
        return layer switch
        {
            LinearLayerSpec or HighwayLayerSpec when input.Length != 1 =>
                $"{kind} expects a flat input but receives {shape}; add a flatten layer before it",
            Conv2dLayerSpec or MaxPool2dLayerSpec or AvgPool2dLayerSpec or GlobalAvgPool2dLayerSpec when input.Length != 3 =>
                $"{kind} expects a [C, H, W] input but receives {shape}",
            Conv2dLayerSpec c when Conv(input[1], c.Kernel, c.Stride, c.Padding) < 1 || Conv(input[2], c.Kernel, c.Stride, c.Padding) < 1 =>
                $"conv2d kernel {c.Kernel} (padding {c.Padding}) does not fit the {input[1]}×{input[2]} input {shape}",
            MaxPool2dLayerSpec m when m.Size > input[1] || m.Size > input[2] => $"maxpool2d window {m.Size} is larger than the {input[1]}×{input[2]} input {shape}",
            AvgPool2dLayerSpec a when a.Size > input[1] || a.Size > input[2] => $"avgpool2d window {a.Size} is larger than the {input[1]}×{input[2]} input {shape}",
            BatchNormLayerSpec when input.Length is not (1 or 3) => $"batchnorm expects [F] (1d) or [C, H, W] (2d) input but receives {shape}",
            RecurrentLayerSpec when input.Length != 2 => $"{kind} expects a [T, F] sequence input but receives {shape}",
            _ => ActivationChecks.Check(layer, path, errors) ?? BlockFieldChecks.Check(layer, path, errors),
        };
    }

    /// <summary>Output size of a window sliding over one dimension; 0 when the window does not fit.</summary>
    public static int Conv(int size, int kernel, int stride, int padding) =>
        size + 2 * padding < kernel ? 0 : (size + 2 * padding - kernel) / stride + 1;

    public static int Size(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    static long FieldActivation(Activation activation) => activation == Activation.Prelu ? 1 : 0;

    static long Normalization(LayerSpec layer, int[] input) => layer switch
    {
        LayerNormLayerSpec => 2L * Size(input),
        BatchNormLayerSpec => 2L * input[0],
        _ => 0,
    };

    static int[] RecurrentShape(RecurrentLayerSpec r, int[] input)
    {
        int width = r.Hidden * (r.Bidirectional ? 2 : 1);
        return r.Output == RecurrentOutput.Last ? [width] : [input[0], width];
    }

    /// <summary>gates·H·(in + H + 2) per direction per layer (two bias vectors); the peephole cell has one bias and three peephole vectors.</summary>
    public static long RecurrentParameters(RecurrentLayerSpec r, int features)
    {
        int directions = r.Bidirectional ? 2 : 1;
        long total = 0;
        for (int layer = 0; layer < r.NumLayers; layer++)
        {
            long input = layer == 0 ? features : (long)r.Hidden * directions;
            long perDirection = r switch
            {
                LstmLayerSpec { Peephole: true } => 4L * r.Hidden * (input + r.Hidden + 1) + 3L * r.Hidden,
                LstmLayerSpec => 4L * r.Hidden * (input + r.Hidden + 2),
                GruLayerSpec => 3L * r.Hidden * (input + r.Hidden + 2),
                _ => (long)r.Hidden * (input + r.Hidden + 2),
            };
            total += perDirection * directions;
        }
        return total;
    }
}
