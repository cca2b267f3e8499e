using System.Globalization;
using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Datasets;

/// <summary>Generated datasets train through HTTP, and the split settings are validated before anything is enqueued.</summary>
public sealed class GeneratedDatasetTrainingTests : IClassFixture<TrainServiceFactory>
{
    readonly HttpClient client;

    public GeneratedDatasetTrainingTests(TrainServiceFactory factory) => client = factory.CreateClient();

    [Fact]
    public async Task Circles_FourTanhUnits_Separate95PercentOfTheTestSplit()
    {
        var done = await TrainAsync("""
            {"name": "circles", "dataset": {"kind": "circles", "samples": 400, "noise": 0.05, "factor": 0.5, "seed": 2},
             "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                                     {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
             "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.05},
             "training": {"epochs": 100, "batchSize": 32, "seed": 1, "validationSplit": 0.1, "testSplit": 0.2}}
            """);
        Assert.Equal(80, done.TestMetrics!.Rows);
        Assert.True(done.TestMetrics.Accuracy >= 0.95, $"test accuracy {done.TestMetrics.Accuracy}");
    }

    [Fact]
    public async Task XSquared_SmallTanhNet_FitsTheParabola()
    {
        var done = await TrainAsync("""
            {"name": "parabola", "dataset": {"kind": "x_squared", "samples": 300, "seed": 2},
             "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 16, "activation": "tanh"},
                                                     {"kind": "linear", "units": 1}]},
             "loss": {"kind": "mse"}, "optimizer": {"kind": "adam", "lr": 0.02},
             "training": {"epochs": 150, "batchSize": 32, "seed": 1, "testSplit": 0.2}}
            """);
        Assert.True(done.TestMetrics!.Loss < 0.005, $"test MSE {done.TestMetrics.Loss}");
        Assert.Null(done.TestMetrics.Accuracy);
        var metrics = await (await client.GetAsync($"/api/jobs/{done.Id}/metrics")).ReadAsync<MetricsResponse>();
        Assert.Equal(done.TestMetrics, metrics.Test);
    }

    [Theory]
    [InlineData(0.001, 0.0, "$.training.testSplit", "holds out no example of the 100")]
    [InlineData(0.5, 0.5, "$.training.testSplit", "leaves no training examples")]
    public async Task SplitsThatLeaveNothing_AreRejected(double testSplit, double validationSplit, string path, string message)
    {
        var response = await client.PostJsonTextAsync("/api/specs/validate", $$"""
            {"name": "s", "dataset": {"kind": "moons", "samples": 100},
             "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 1, "activation": "sigmoid"}]},
             "loss": {"kind": "bce"}, "optimizer": {"kind": "sgd"},
             "training": {"testSplit": {{Invariant(testSplit)}}, "validationSplit": {{Invariant(validationSplit)}}} }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ReadValidationErrorsAsync())[path], m => m.Contains(message));
    }

    static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    Task<JobResponse> TrainAsync(string spec) => client.TrainToSuccessAsync(spec);
}
