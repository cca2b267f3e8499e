using TrainService.Jobs.Plots;

namespace TrainService.Tests.Unit.Plots;

public sealed class LegendLabelsTests
{
    // UUIDv7s made in the same millisecond share their first 12 digits; they differ in the random tail.
    static readonly Guid A = Guid.Parse("01a23a93-c920-7d0c-a93e-4d763764d521"), B = Guid.Parse("01a23a93-c920-7c87-981c-fcd24c211118"),
        C = Guid.Parse("01a23a93-c920-713a-8cd0-6a82f964d521"), D = Guid.Parse("01a23a93-c920-7c43-a0b3-6966242e0c88");

    [Fact]
    public void DistinctNames_AreTheLabels_WithNoIdAtAll()
    {
        Assert.Equal(["xor-tanh", "xor-relu"], LegendLabels.For([(A, "xor-tanh"), (B, "xor-relu")]));
    }

    [Fact]
    public void CollidingNames_GetTheShortestIdTailThatTellsThemApart_OthersStayBare()
    {
        Assert.Equal(["run …d521", "run …1118", "other"], LegendLabels.For([(A, "run"), (B, "run"), (D, "other")]));
    }

    [Fact]
    public void TailsSharingTheirLastDigits_GrowUntilTheyDiffer()
    {
        // A and C end in the same "64d521"; seven digits tell them apart, and the whole group shows seven.
        Assert.Equal(["run …764d521", "run …964d521", "run …c211118"], LegendLabels.For([(A, "run"), (C, "run"), (B, "run")]));
    }

    [Fact]
    public void LongNames_AreShortened_AndCollideOnWhatIsShown()
    {
        string prefix = new('x', LegendLabels.MaxNameLength + 5);
        var labels = LegendLabels.For([(A, prefix + "-one"), (B, prefix + "-two")]);
        Assert.All(labels, l => Assert.StartsWith(prefix[..(LegendLabels.MaxNameLength - 1)] + "… …", l));
        Assert.NotEqual(labels[0], labels[1]);
    }
}
