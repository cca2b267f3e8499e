using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Catalog;

/// <summary>Acceptance 3 through HTTP: real jobs on tiny seeded data.</summary>
public sealed class CatalogTrainingTests(ITestOutputHelper output) : ServiceTest
{
    async Task<List<double>> XorAccuraciesAsync(int hidden)
    {
        var accuracies = new List<double>();
        foreach (int seed in Enumerable.Range(1, 6))
        {
            var (job, _) = await CatalogHttp.TrainAsync(Client, CatalogHttp.Spec(
                """{"kind":"xor","samples":8}""", "[2]",
                $$"""{"kind":"linear","units":{{hidden}},"activation":"tanh"},{"kind":"linear","units":1,"activation":"sigmoid"}""",
                """{"kind":"bce"}""", """{"kind":"adam","lr":0.05}""", $$"""{"epochs":400,"batchSize":8,"seed":{{seed}}}"""));
            accuracies.Add(job.FinalMetrics!.TrainAccuracy!.Value);
        }
        output.WriteLine($"xor 2-{hidden}-1 train accuracy by seed 1..6: {string.Join(", ", accuracies)}");
        return accuracies;
    }

    /// <summary>
    /// Two tanh units are just enough for XOR, and many initialisations stall in a local minimum
    /// (measured: seeds 2, 3, 4 of 1..6 solve it, the others stay at 0.5). Four units leave more ways
    /// out (measured: 5 of 6; seed 1 still stalls in 400 steps). No seed-free guarantee exists for
    /// gradient descent here, so the test asserts the rates with a margin, and that width helps.
    /// </summary>
    [Fact]
    public async Task Xor_TwoUnitsSolveItForSomeSeeds_FourUnitsForMost()
    {
        var two = await XorAccuraciesAsync(hidden: 2);
        var four = await XorAccuraciesAsync(hidden: 4);

        int solvedByTwo = two.Count(a => a == 1.0), solvedByFour = four.Count(a => a == 1.0);
        Assert.True(solvedByTwo >= 2, $"2 units solved {solvedByTwo} of 6 seeds");
        Assert.True(solvedByFour >= 4, $"4 units solved {solvedByFour} of 6 seeds");
        Assert.True(solvedByFour > solvedByTwo, $"4 units solved {solvedByFour}, 2 units {solvedByTwo}");
    }

    [Fact]
    public async Task Cnn_ConvPoolFlattenLinear_LearnsSyntheticImages()
    {
        var (job, epochs) = await CatalogHttp.TrainAsync(Client, CatalogHttp.Spec(
            """{"kind":"synthetic_images","samples":240,"noise":0.2,"seed":1}""", "[1, 8, 8]",
            """{"kind":"conv2d","filters":4,"kernel":3,"padding":1,"activation":"relu"},{"kind":"maxpool2d","size":2},{"kind":"flatten"},{"kind":"linear","units":3}""",
            """{"kind":"cross_entropy"}""", """{"kind":"adam","lr":0.01}""", """{"epochs":15,"batchSize":32,"seed":1,"validationSplit":0.25}"""));
        output.WriteLine($"cnn: loss {epochs[0].TrainLoss:F4} → {job.FinalMetrics!.TrainLoss:F4}, val accuracy {job.FinalMetrics.ValAccuracy}");
        Assert.True(job.FinalMetrics.ValAccuracy >= 0.9, $"validation accuracy {job.FinalMetrics.ValAccuracy}");
    }

    [Fact]
    public async Task Cnn_ConvPoolFlattenLinear_LearnsTheDigits()
    {
        var (job, epochs) = await CatalogHttp.TrainAsync(Client, CatalogHttp.Spec(
            """{"kind":"digits","images":true}""", "[1, 8, 8]",
            """{"kind":"conv2d","filters":8,"kernel":3,"padding":1,"activation":"relu"},{"kind":"maxpool2d","size":2},{"kind":"flatten"},{"kind":"linear","units":10}""",
            """{"kind":"cross_entropy"}""", """{"kind":"adam","lr":0.01}""", """{"epochs":6,"batchSize":64,"seed":1,"validationSplit":0.2}"""));
        output.WriteLine($"digits cnn: loss {epochs[0].TrainLoss:F4} → {job.FinalMetrics!.TrainLoss:F4}, val accuracy {job.FinalMetrics.ValAccuracy}, {epochs.Sum(e => e.Seconds):F2} s");
        Assert.True(job.FinalMetrics.ValAccuracy >= 0.9, $"validation accuracy {job.FinalMetrics.ValAccuracy}");
    }

    [Fact]
    public async Task DeepResidualAndHighway_Train_WherePlainSigmoidStalls()
    {
        const string data = """{"kind":"xor","samples":64,"noise":0.1,"seed":2}""";
        const string head = """{"kind":"linear","units":1,"activation":"sigmoid"}""";
        const string training = """{"epochs":100,"batchSize":16,"seed":1}""";
        string plain = string.Join(",", Enumerable.Repeat("""{"kind":"linear","units":8,"activation":"sigmoid"}""", 20));
        string residual = """{"kind":"linear","units":8}, """ + string.Join(",", Enumerable.Repeat("""{"kind":"residual","layers":[{"kind":"linear","units":8,"activation":"tanh"},{"kind":"linear","units":8}]}""", 20));
        string highway = """{"kind":"linear","units":8,"activation":"tanh"}, """ + string.Join(",", Enumerable.Repeat("""{"kind":"highway","activation":"tanh"}""", 20));

        var results = new Dictionary<string, (double First, double Last, double? Accuracy)>();
        // Each net gets the step size it needs (the residual sum grows with depth, so it takes a smaller one);
        // the plain net gets the largest, so its stall is not a matter of step size.
        foreach (var (name, layers, lr) in new[] { ("plain", plain, 2.0), ("residual", residual, 0.1), ("highway", highway, 2.0) })
        {
            string optimizer = $$"""{"kind":"sgd","lr":{{lr}}}""";
            var (job, epochs) = await CatalogHttp.TrainAsync(Client, CatalogHttp.Spec(data, "[2]", layers + "," + head, """{"kind":"bce"}""", optimizer, training));
            results[name] = (epochs[0].TrainLoss, job.FinalMetrics!.TrainLoss, job.FinalMetrics.TrainAccuracy);
            output.WriteLine($"{name}: loss {epochs[0].TrainLoss:F4} → {job.FinalMetrics.TrainLoss:F4}, accuracy {job.FinalMetrics.TrainAccuracy}");
        }
        Assert.True(results["plain"].Last > 0.68, "the plain 20-layer sigmoid MLP should stay at chance (ln 2 ≈ 0.693)");
        Assert.True(results["residual"].Last < 0.4, $"residual final loss {results["residual"].Last}");
        Assert.True(results["highway"].Last < 0.4, $"highway final loss {results["highway"].Last}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lstm_WithAndWithoutPeephole_FitsTheMemoryTask(bool peephole)
    {
        var (job, epochs) = await CatalogHttp.TrainAsync(Client, CatalogHttp.Spec(
            """{"kind":"memory","length":8,"symbols":3,"samples":150,"seed":4}""", "[8, 4]",
            $$"""{"kind":"lstm","hidden":8,"peephole":{{(peephole ? "true" : "false")}}},{"kind":"linear","units":3}""",
            """{"kind":"cross_entropy"}""", """{"kind":"adam","lr":0.03}""", """{"epochs":25,"batchSize":30,"seed":1}"""));
        output.WriteLine($"lstm peephole={peephole}: loss {epochs[0].TrainLoss:F4} → {job.FinalMetrics!.TrainLoss:F4}, accuracy {job.FinalMetrics.TrainAccuracy}");
        Assert.True(job.FinalMetrics.TrainAccuracy >= 0.95, $"accuracy {job.FinalMetrics.TrainAccuracy} (chance is 1/3)");
    }
}
