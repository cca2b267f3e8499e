using TrainService.Jobs.Plots;

namespace TrainService.Tests.Unit.Plots;

public sealed class StepColumnsTests
{
    [Fact]
    public void Columns_StartAtTheirStep_AndReachTheNext_SoUnevenSamplesStayUneven()
    {
        var columns = StepColumns.From([1, 8, 15, 50]);
        Assert.Equal([1.0, 8, 15, 50], columns.Select(c => c.Left));
        Assert.Equal([8.0, 15, 50, 85], columns.Select(c => c.Right)); // the last is as wide as the interval before it
        Assert.Equal([7.0, 7, 35, 35], columns.Select(c => c.Right - c.Left));
    }

    [Fact]
    public void UnorderedAndRepeatedSteps_AreOneColumnEach()
    {
        Assert.Equal([[3L], [5L], [9L]], StepColumns.From([9, 3, 5, 3]).Select(c => c.Steps.ToArray()));
        var single = Assert.Single(StepColumns.From([42]));
        Assert.Equal((42.0, 43.0), (single.Left, single.Right));
        Assert.Empty(StepColumns.From([]));
    }

    [Fact]
    public void BeyondTheColumnLimit_NeighbouringSamplesShareAColumn_ThatSpansTheirSteps()
    {
        var columns = StepColumns.From(Enumerable.Range(0, 10).Select(i => 1L + 10 * i), maxColumns: 4);
        Assert.Equal(4, columns.Count); // 10 samples, 3 a column
        Assert.Equal([1L, 11, 21], columns[0].Steps);
        Assert.Equal([1.0, 31, 61, 91], columns.Select(c => c.Left));
        Assert.Equal(121, columns[^1].Right);
    }
}
