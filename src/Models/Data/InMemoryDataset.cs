namespace TrainService.Models.Data;

/// <summary>
/// A dataset held as flat row-major arrays, the form every generator and loader produces.
/// Tensors are made from it per job so datasets never own native memory.
/// </summary>
public sealed record InMemoryDataset(float[] Features, float[] Targets, DatasetShape Shape)
{
    public int Rows => Shape.Rows;
    public int FeatureSize => Shape.FeatureShape.Aggregate(1, (a, b) => a * b);

    public InMemoryDataset Take(int[] rows)
    {
        int fs = FeatureSize, tw = Shape.TargetWidth;
        var features = new float[rows.Length * fs];
        var targets = new float[rows.Length * tw];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(Features, rows[i] * fs, features, i * fs, fs);
            Array.Copy(Targets, rows[i] * tw, targets, i * tw, tw);
        }
        return new InMemoryDataset(features, targets, Shape with { Rows = rows.Length });
    }
}
