using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Studies;
using TrainService.Models.Validation;
using TrainService.Tests.Integration.Studies;

namespace TrainService.Tests.Unit.Studies;

/// <summary>Grid order, seeds in training.seed, values at their paths, and the random sampler's draw.</summary>
public sealed class StudyPlannerTests
{
    const string TwoFactors = """
        [{"path": "$.optimizer.lr", "values": [0.1, 0.2, 0.3]},
         {"path": "$.model.layers[0].activation", "values": ["tanh", "relu"]}]
        """;

    static StudySpec Parse(string json) => JsonSerializer.Deserialize<StudySpec>(json, ContractJson.Options)!;

    [Fact]
    public void Grid_FirstFactorSlowest_ValuesAndSeedsWritten()
    {
        var errors = new ValidationErrors();
        var arms = StudyPlanner.Plan(Parse(StudySpecs.Study(TwoFactors, seeds: "[4, 9]")), errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(6, arms.Count);
        Assert.Equal("$.optimizer.lr=0.2, $.model.layers[0].activation=relu", arms[3].Label);
        var (seed, spec) = arms[3].Runs[1];
        Assert.Equal(9, seed);
        Assert.Equal(0.2, spec["optimizer"]!["lr"]!.GetValue<double>());
        Assert.Equal("relu", spec["model"]!["layers"]![0]!["activation"]!.GetValue<string>());
        Assert.Equal(9, spec["training"]!["seed"]!.GetValue<long>());
        // Copies, not one shared document: arm 0 still has the first levels.
        Assert.Equal(0.1, arms[0].Runs[0].Spec["optimizer"]!["lr"]!.GetValue<double>());
    }

    [Fact]
    public void Random_DrawsCountDistinctCombinations_SameSeedSameDraw()
    {
        string Body(long samplerSeed) => StudySpecs.Study(TwoFactors, seeds: "[1]")
            .Replace("\"seeds\"", $"\"sampler\": \"random\", \"count\": 4, \"samplerSeed\": {samplerSeed}, \"seeds\"");
        var errors = new ValidationErrors();
        var first = StudyPlanner.Plan(Parse(Body(3)), errors).Select(a => a.Label).ToList();
        var again = StudyPlanner.Plan(Parse(Body(3)), errors).Select(a => a.Label).ToList();
        Assert.True(errors.IsEmpty);
        Assert.Equal(4, first.Distinct().Count());
        Assert.Equal(first, again);
        var grid = StudyPlanner.Plan(Parse(StudySpecs.Study(TwoFactors, seeds: "[1]")), errors).Select(a => a.Label).ToList();
        Assert.All(first, label => Assert.Contains(label, grid));
        // In grid order, so a sample reads like a thinned grid.
        Assert.Equal(first.OrderBy(grid.IndexOf), first);
    }
}
