using TrainService.Jobs.Plots;

namespace TrainService.Tests.Unit.Plots;

public sealed class TickLabelsTests
{
    [Theory]
    [InlineData(40, 45, 1)]
    [InlineData(45, 45, 1)]
    [InlineData(46, 45, 2)]
    [InlineData(100, 45, 3)]
    public void Thinned_LabelsEveryKth_WithKTheSmallestThatFits(int count, int maxLabels, int every)
    {
        var shown = TickLabels.Thinned(count, maxLabels);
        Assert.True(shown.Length <= maxLabels);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % every == 0), shown);
    }
}
