using TrainService.Models.Checkpoints;
using TrainService.Models.Data;

namespace TrainService.Tests.Unit.Datasets;

public sealed class StandardizerTests
{
    [Fact]
    public void ConstantFeature_IsCentredNotDividedByZero()
    {
        var data = new InMemoryDataset([3, 1, 3, 5, 3, 9], [0, 0, 0], new DatasetShape([2], 1, TaskKind.Regression, 0, 3));
        var standardizer = Standardizer.Fit(data);
        Assert.Equal([3f, 5f], standardizer.Mean);
        Assert.Equal(1f, standardizer.Std[0]);
        Assert.Equal(Math.Sqrt(32.0 / 3), standardizer.Std[1], 1e-5);
        var rows = new float[] { 3, 5, 4, 9 };
        standardizer.ApplyInPlace(rows);
        Assert.Equal(0f, rows[0]);
        Assert.Equal(0f, rows[1]);
        Assert.Equal(1f, rows[2]);
        Assert.Equal(4 / Math.Sqrt(32.0 / 3), rows[3], 1e-5);
    }

    [Fact]
    public void PreprocessingArtifact_RoundTripsThroughAStream()
    {
        var saved = new PreprocessingArtifact(TaskKind.MulticlassClassification, 3, new Standardizer([1.5f, -2f], [0.5f, 4f]));
        using var stream = new MemoryStream();
        saved.Save(stream);
        stream.Position = 0;
        var loaded = PreprocessingArtifact.Load(stream);
        Assert.Equal(TaskKind.MulticlassClassification, loaded.Task);
        Assert.Equal(3, loaded.Classes);
        Assert.Equal(saved.Standardizer!.Mean, loaded.Standardizer!.Mean);
        Assert.Equal(saved.Standardizer.Std, loaded.Standardizer.Std);
    }
}
