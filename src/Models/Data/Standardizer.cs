using System.Text.Json;

namespace TrainService.Models.Data;

/// <summary>
/// Per-feature z = (x − mean) / std, fitted on the training split only so validation and test
/// rows never leak into it. Saved beside the checkpoint so predict applies it to raw inputs.
/// </summary>
public sealed record Standardizer(float[] Mean, float[] Std)
{
    /// <summary>Constant features would divide by zero; they are only centred.</summary>
    const double ConstantFeature = 1e-12;

    public static Standardizer Fit(InMemoryDataset train)
    {
        int width = train.FeatureSize, rows = train.Rows;
        var sum = new double[width];
        var squares = new double[width];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++)
            {
                double x = train.Features[r * width + j];
                sum[j] += x;
                squares[j] += x * x;
            }
        var mean = new float[width];
        var std = new float[width];
        for (int j = 0; j < width; j++)
        {
            double m = sum[j] / rows;
            double variance = Math.Max(0, squares[j] / rows - m * m);
            mean[j] = (float)m;
            std[j] = variance < ConstantFeature ? 1f : (float)Math.Sqrt(variance);
        }
        return new Standardizer(mean, std);
    }

    public int Width => Mean.Length;

    /// <summary>A standardised copy; the input is left untouched.</summary>
    public InMemoryDataset Apply(InMemoryDataset data)
    {
        var features = (float[])data.Features.Clone();
        ApplyInPlace(features);
        return data with { Features = features };
    }

    /// <summary>Standardises whole rows laid end to end (length a multiple of <see cref="Width"/>).</summary>
    public void ApplyInPlace(Span<float> rows)
    {
        for (int i = 0; i < rows.Length; i++)
            rows[i] = (rows[i] - Mean[i % Width]) / Std[i % Width];
    }

    public void Save(Stream destination) => JsonSerializer.Serialize(destination, this);

    public static Standardizer Load(Stream source) =>
        JsonSerializer.Deserialize<Standardizer>(source) is { } s && s.Mean.Length == s.Std.Length
            ? s
            : throw new InvalidDataException("The saved standardizer is malformed.");
}
