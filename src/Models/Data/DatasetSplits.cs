using TrainService.Contracts.Specs;

namespace TrainService.Models.Data;

/// <summary>
/// A dataset cut into train, validation and test rows by the training seed, with the optional
/// standardizer fitted on the training rows and applied to all three.
/// </summary>
public sealed record DatasetSplits(InMemoryDataset Train, InMemoryDataset? Validation, InMemoryDataset? Test, Standardizer? Standardizer)
{
    public static DatasetSplits Prepare(InMemoryDataset data, TrainingSettings settings)
    {
        var (train, validation, test) = SplitRows(data, settings.ValidationSplit, settings.TestSplit, settings.Seed);
        if (!settings.Standardize) return new DatasetSplits(train, validation, test, null);
        var standardizer = Standardizer.Fit(train);
        return new DatasetSplits(standardizer.Apply(train), validation is null ? null : standardizer.Apply(validation), test is null ? null : standardizer.Apply(test), standardizer);
    }

    /// <summary>
    /// Rows are shuffled by the seed and, for classifiers, stably grouped by label; held-out rows
    /// are then dealt at even intervals through that order, so every class gives each split its
    /// share (stratified) and the split sizes are exactly round(N × fraction).
    /// </summary>
    public static (InMemoryDataset Train, InMemoryDataset? Validation, InMemoryDataset? Test) SplitRows(
        InMemoryDataset data, double validationFraction, double testFraction, long seed)
    {
        int n = data.Rows;
        int testRows = (int)Math.Round(n * testFraction), validationRows = (int)Math.Round(n * validationFraction);
        var order = Enumerable.Range(0, n).ToArray();
        SeededDraws.For(seed).Shuffle(order);
        if (data.Shape.Task != TaskKind.Regression)
            order = order.OrderBy(r => data.Targets[r * data.Shape.TargetWidth]).ToArray(); // OrderBy is stable

        var (test, rest) = Deal(order, testRows);
        var (validation, train) = Deal(rest, validationRows);
        return (data.Take(train), validation.Length == 0 ? null : data.Take(validation), test.Length == 0 ? null : data.Take(test));
    }

    /// <summary>Takes <paramref name="count"/> rows spread evenly over <paramref name="order"/>.</summary>
    static (int[] Taken, int[] Others) Deal(int[] order, int count)
    {
        var taken = new List<int>(count);
        var rest = new List<int>(order.Length - count);
        for (long i = 0; i < order.Length; i++)
        {
            bool take = (i + 1) * count / order.Length > i * count / order.Length;
            (take ? taken : rest).Add(order[i]);
        }
        return (taken.ToArray(), rest.ToArray());
    }
}
