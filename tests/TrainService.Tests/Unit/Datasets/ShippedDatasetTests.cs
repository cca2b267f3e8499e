using TrainService.Contracts.Specs;
using TrainService.Models.Data;

namespace TrainService.Tests.Unit.Datasets;

/// <summary>The shipped files parse to the sizes and class counts the scikit-learn documentation states.</summary>
public sealed class ShippedDatasetTests
{
    [Fact]
    public void Iris_Has150Rows_50PerSpecies()
    {
        var data = DatasetCatalog.Load(new IrisDatasetSpec());
        Assert.Equal([4], data.Shape.FeatureShape);
        Assert.Equal([50, 50, 50], Counts(data, 3));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], data.Features[..4]);
    }

    [Fact]
    public void Wine_Has178Rows_13Features()
    {
        var data = DatasetCatalog.Load(new WineDatasetSpec());
        Assert.Equal(178 * 13, data.Features.Length);
        Assert.Equal([59, 71, 48], Counts(data, 3));
        Assert.Equal(1065f, data.Features[12]);
    }

    [Fact]
    public void BreastCancer_Has212Malignant_357Benign()
    {
        var data = DatasetCatalog.Load(new BreastCancerDatasetSpec());
        Assert.Equal(TaskKind.BinaryClassification, data.Shape.Task);
        Assert.Equal(569 * 30, data.Features.Length);
        Assert.Equal([212, 357], Counts(data, 2));
    }

    [Fact]
    public void Digits_Has1797Images_FlatOrOneByEightByEight()
    {
        var flat = DatasetCatalog.Load(new DigitsDatasetSpec());
        var images = DatasetCatalog.Load(new DigitsDatasetSpec { Images = true });
        Assert.Equal([64], flat.Shape.FeatureShape);
        Assert.Equal([1, 8, 8], images.Shape.FeatureShape);
        Assert.Equal(flat.Features, images.Features);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], Counts(flat, 10));
        Assert.All(flat.Features, p => Assert.InRange(p, 0, 16));
    }

    [Fact]
    public void Diabetes_Has442Patients_TargetsFrom25To346()
    {
        var data = DatasetCatalog.Load(new DiabetesDatasetSpec());
        Assert.Equal(TaskKind.Regression, data.Shape.Task);
        Assert.Equal(442 * 10, data.Features.Length);
        Assert.Equal(25f, data.Targets.Min());
        Assert.Equal(346f, data.Targets.Max());
        Assert.Equal([59f, 2f, 32.1f, 101f], data.Features[..4]);
        Assert.Equal(151f, data.Targets[0]);
    }

    [Fact]
    public void Load_ReturnsCopies_SoCallersCannotCorruptTheCache()
    {
        var first = DatasetCatalog.Load(new IrisDatasetSpec());
        first.Features[0] = -1;
        Assert.Equal(5.1f, DatasetCatalog.Load(new IrisDatasetSpec()).Features[0]);
    }

    static int[] Counts(InMemoryDataset data, int classes) =>
        Enumerable.Range(0, classes).Select(c => data.Targets.Count(t => t == c)).ToArray();
}
