using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Tests.Unit.Datasets;

public sealed class DatasetSplitsTests
{
    /// <summary>Row i has feature value i, so every split row can be traced back to its source row.</summary>
    static InMemoryDataset Indexed(int rows, int[] labels, TaskKind task) =>
        new(Enumerable.Range(0, rows).Select(i => (float)i).ToArray(), labels.Select(l => (float)l).ToArray(),
            new DatasetShape([1], 1, task, task == TaskKind.Regression ? 0 : labels.Max() + 1, rows));

    [Fact]
    public void Classification_IsStratified_AndPartitionsEveryRowOnce()
    {
        // 60 rows of class 0, 30 of class 1, 10 of class 2.
        var labels = Enumerable.Repeat(0, 60).Concat(Enumerable.Repeat(1, 30)).Concat(Enumerable.Repeat(2, 10)).ToArray();
        var data = Indexed(100, labels, TaskKind.MulticlassClassification);
        var (train, validation, test) = DatasetSplits.SplitRows(data, 0.2, 0.1, seed: 3);

        Assert.Equal(70, train.Rows);
        Assert.Equal(20, validation!.Rows);
        Assert.Equal(10, test!.Rows);
        Assert.Equal([6, 3, 1], ClassCounts(test, 3));
        Assert.Equal([12, 6, 2], ClassCounts(validation, 3));
        var all = train.Features.Concat(validation.Features).Concat(test.Features).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        for (int i = 0; i < test.Rows; i++) Assert.Equal(labels[(int)test.Features[i]], test.Targets[i]);
    }

    [Fact]
    public void SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var data = Indexed(50, new int[50], TaskKind.Regression);
        var a = DatasetSplits.SplitRows(data, 0.2, 0.2, seed: 1);
        var b = DatasetSplits.SplitRows(data, 0.2, 0.2, seed: 1);
        var c = DatasetSplits.SplitRows(data, 0.2, 0.2, seed: 2);
        Assert.Equal(a.Test!.Features, b.Test!.Features);
        Assert.Equal(a.Validation!.Features, b.Validation!.Features);
        Assert.NotEqual(a.Test.Features, c.Test!.Features);
        Assert.Equal(10, a.Test.Rows);
    }

    [Fact]
    public void NoFractions_KeepEveryRowForTraining()
    {
        var (train, validation, test) = DatasetSplits.SplitRows(Indexed(7, new int[7], TaskKind.Regression), 0, 0, seed: 0);
        Assert.Equal(7, train.Rows);
        Assert.Null(validation);
        Assert.Null(test);
    }

    [Fact]
    public void Standardizer_IsFittedOnTheTrainingRowsOnly()
    {
        var data = Indexed(40, new int[40], TaskKind.Regression);
        var settings = new TrainingSettings { ValidationSplit = 0.25, TestSplit = 0.25, Seed = 5, Standardize = true };
        var raw = DatasetSplits.SplitRows(data, 0.25, 0.25, 5);
        var splits = DatasetSplits.Prepare(data, settings);

        double mean = raw.Train.Features.Average(f => (double)f);
        double std = Math.Sqrt(raw.Train.Features.Sum(f => (f - mean) * (f - mean)) / raw.Train.Rows);
        Assert.Equal(mean, splits.Standardizer!.Mean[0], 1e-4);
        Assert.Equal(std, splits.Standardizer.Std[0], 1e-4);
        Assert.Equal(0.0, splits.Train.Features.Average(f => (double)f), 1e-5);
        for (int i = 0; i < splits.Test!.Rows; i++)
            Assert.Equal((raw.Test!.Features[i] - mean) / std, splits.Test.Features[i], 1e-4);
        Assert.Equal(raw.Test!.Features, DatasetSplits.SplitRows(data, 0.25, 0.25, 5).Test!.Features); // the input was not modified
    }

    static int[] ClassCounts(InMemoryDataset data, int classes) =>
        Enumerable.Range(0, classes).Select(c => data.Targets.Count(t => t == c)).ToArray();
}
