using ScottPlot.Plottables;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Plots;
using TrainService.Jobs.Studies;

namespace TrainService.Tests.Unit.Studies;

/// <summary>The numbers behind the study plots: per-epoch means and t intervals, and error bars equal to the table's CI.</summary>
public sealed class StudyPlotModelTests
{
    [Fact]
    public void Average_MeanAndStudentTIntervalPerEpoch_OverTheSeedsThatReachedIt()
    {
        IReadOnlyList<IReadOnlyList<(int, double)>> runs = [[(1, 1.0), (2, 0.5)], [(1, 3.0), (2, 0.7)], [(1, 2.0)]];

        var curve = Assert.Single(StudyCurves.Average([(0, "a", runs)]));

        Assert.Equal([1, 2], curve.Points.Select(p => p.Epoch));
        var first = curve.Points[0];
        // n = 3: mean 2, s = 1, t(0.975, 2) = 4.3026527297 → half-width 4.3026527297 / √3.
        Assert.Equal((3, 2.0), (first.N, first.Mean));
        Assert.Equal(2 - 4.3026527297 / Math.Sqrt(3), first.Low!.Value, 8);
        Assert.Equal(2 + 4.3026527297 / Math.Sqrt(3), first.High!.Value, 8);
        Assert.Equal((2, 0.6), (curve.Points[1].N, Math.Round(curve.Points[1].Mean, 12)));
    }

    [Fact]
    public void Average_OneSeed_HasNoBand()
    {
        var curve = Assert.Single(StudyCurves.Average([(0, "a", [[(1, 1.0)]])]));
        Assert.Null(curve.Points[0].Low);
    }

    [Fact]
    public void Bars_ErrorIsTheCiHalfWidth_BestArmFirst()
    {
        var values = new Dictionary<string, System.Text.Json.JsonElement>();
        StudyArmResult Arm(int arm, double mean, double half) => new(arm, $"arm {arm}", values, null, 3, mean, 0.1, mean - half, mean + half, mean, mean, null, null);

        var figure = StudyPlots.Bars("s", "valLoss", [Arm(2, 0.1, 0.02), Arm(0, 0.3, 0.05)]);

        var bars = figure.Panels[0].GetPlottables().OfType<BarPlot>().SelectMany(b => b.Bars).OrderBy(b => b.Position).ToList();
        Assert.Equal([(0.0, 0.1, 0.02), (1.0, 0.3, 0.05)], bars.Select(b => (b.Position, b.Value, Math.Round(b.Error, 12))));
        Assert.Equal(StudyPlots.ArmColor(2), bars[0].FillColor);
    }

    [Fact]
    public void Curves_ABandPerArmWithSeveralSeeds()
    {
        var curves = StudyCurves.Average([(0, "a", [[(1, 1.0), (2, 0.5)], [(1, 2.0), (2, 0.6)]]), (1, "b", [[(1, 1.0), (2, 0.5)]])]);

        var plottables = StudyPlots.Curves("s", "valLoss", curves).Panels[0].GetPlottables().ToList();

        Assert.Single(plottables.OfType<FillY>());
        Assert.Equal(2, plottables.OfType<Scatter>().Count());
    }
}
