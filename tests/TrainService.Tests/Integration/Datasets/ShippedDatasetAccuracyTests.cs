using System.Net;
using System.Text.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>
/// The README's accuracy figures, reproduced through HTTP: small MLPs on the shipped datasets,
/// standardised inputs, 20% of each dataset held out (stratified) and measured once at the end.
/// </summary>
public sealed class ShippedDatasetAccuracyTests : ServiceTest
{

    public static string Mlp(string dataset, int inputs, int hidden, int outputs, string lastActivation, string loss, int epochs) => $$"""
        {"name": "{{dataset}}-mlp",
         "dataset": {"kind": "{{dataset}}"},
         "model": {"inputShape": [{{inputs}}],
                   "layers": [{"kind": "linear", "units": {{hidden}}, "activation": "relu"},
                              {"kind": "linear", "units": {{outputs}}, "activation": "{{lastActivation}}"}]},
         "loss": {"kind": "{{loss}}"},
         "optimizer": {"kind": "adam", "lr": 0.01},
         "training": {"epochs": {{epochs}}, "batchSize": 32, "seed": 1, "testSplit": 0.2, "standardize": true} }
        """;

    [Fact]
    public async Task BreastCancer_Mlp_Reaches95PercentTestAccuracy_AndPredictOnRawRowsAgrees()
    {
        var done = await TrainAsync(Mlp("breast_cancer", 30, 16, 1, "sigmoid", "bce", epochs: 40));
        Assert.Equal(114, done.TestMetrics!.Rows);
        Assert.True(done.TestMetrics.Accuracy >= 0.95, $"test accuracy {done.TestMetrics.Accuracy}");

        // The same held-out rows, raw as in the shipped file: predict must standardise them as training did.
        var (_, _, test) = DatasetSplits.SplitRows(DatasetCatalog.Load(new BreastCancerDatasetSpec()), 0, 0.2, seed: 1);
        var rows = Enumerable.Range(0, test!.Rows).Select(r => test.Features[(r * 30)..((r + 1) * 30)].Select(f => (double)f).ToArray()).ToList();
        var predicted = await Client.PostJsonTextAsync($"/api/jobs/{done.Id}/predict", JsonSerializer.Serialize(new { inputs = rows }));
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        var classes = (await predicted.ReadAsync<PredictResponse>()).Classes!;
        double accuracy = classes.Where((c, r) => c == (int)test.Targets[r]).Count() / (double)test.Rows;
        Assert.Equal(done.TestMetrics.Accuracy!.Value, accuracy, 1e-9);
    }

    [Fact]
    public async Task Iris_Mlp_Reaches95PercentTestAccuracy() =>
        await AssertTestAccuracyAsync(Mlp("iris", 4, 16, 3, "identity", "cross_entropy", epochs: 100), 30, 0.95);

    /// <summary>
    /// What the method guarantees beyond one lucky seed: the 30-row iris test split moves in steps of
    /// 3.3 %, and seeds 2 and 3 miss two border flowers, so over seeds the bound is 90 %.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Iris_Mlp_Reaches90PercentTestAccuracy_ForOtherSeeds(int seed) =>
        await AssertTestAccuracyAsync(Mlp("iris", 4, 16, 3, "identity", "cross_entropy", epochs: 100).Replace("\"seed\": 1", $"\"seed\": {seed}"), 30, 0.90);

    [Fact]
    public async Task Wine_Mlp_Reaches95PercentTestAccuracy() =>
        await AssertTestAccuracyAsync(Mlp("wine", 13, 16, 3, "identity", "cross_entropy", epochs: 60), 36, 0.95);

    [Fact]
    public async Task Digits_Mlp_Reaches97PercentTestAccuracy() =>
        await AssertTestAccuracyAsync(Mlp("digits", 64, 64, 10, "identity", "cross_entropy", epochs: 30), 359, 0.97);

    async Task AssertTestAccuracyAsync(string spec, int testRows, double minimum)
    {
        var done = await TrainAsync(spec);
        Assert.Equal(testRows, done.TestMetrics!.Rows);
        Assert.True(done.TestMetrics.Accuracy >= minimum, $"test accuracy {done.TestMetrics.Accuracy}, needed {minimum}");
    }

    Task<JobResponse> TrainAsync(string spec) => Client.TrainToSuccessAsync(spec);
}
