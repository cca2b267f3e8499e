using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Diagnostics;

namespace TrainService.Tests.Unit.Diagnostics;

public sealed class PathologyDetectorTests
{
    static DiagnosticSample Sample(long step, double firstGrad, double lastGrad, double dead) => new(step, 1,
        [new("gradNorm", "0_linear", firstGrad), new("gradNorm", "2_linear", lastGrad), new("deadFraction", "0_relu", dead)],
        ["0_linear", "2_linear"]);

    [Fact]
    public void Events_AreRaisedWhenAConditionStarts_NotWhileItLasts()
    {
        var detector = new PathologyDetector(new DiagnosticsSpec());
        var first = detector.Inspect(Sample(1, 1e-5, 0.1, 0.6));
        Assert.Equal([PathologyKinds.VanishingGradient, PathologyKinds.DeadLayer], first.Select(e => e.Kind));
        Assert.Equal(1e-4, first[0].Values["ratio"], 1e-12);
        Assert.Equal("0_relu", first[1].Layer);
        Assert.Empty(detector.Inspect(Sample(11, 1e-5, 0.1, 0.7)));
        Assert.Empty(detector.Inspect(Sample(21, 1e-2, 0.1, 0.1)));
        var again = Assert.Single(detector.Inspect(Sample(31, 1e-6, 0.1, 0.1)));
        Assert.Equal((PathologyKinds.VanishingGradient, 31L), (again.Kind, again.Step));
    }

    [Fact]
    public void ExplodingGradient_NamesTheLayer()
    {
        var detector = new PathologyDetector(new DiagnosticsSpec { ExplodingNorm = 100 });
        var e = Assert.Single(detector.Inspect(Sample(1, 500, 50, 0)));
        Assert.Equal((PathologyKinds.ExplodingGradient, "0_linear", 500.0), (e.Kind, e.Layer, e.Values["gradNorm"]));
    }
}
