using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// README promises of compare and plots that no other test would notice breaking: null cells where
/// a job has no value, the 20-job cap, and a decision boundary refused for a model without 2 features.
/// </summary>
public sealed class ComparePromisesTests : ServiceTest
{
    const string XSquared = """
        {"name": "x-squared-one-feature",
         "dataset": {"kind": "x_squared", "samples": 64, "noise": 0.01, "seed": 2},
         "model": {"inputShape": [1], "layers": [{"kind": "linear", "units": 8, "activation": "tanh"}, {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "adam", "lr": 0.01},
         "training": {"epochs": 2, "batchSize": 16, "seed": 3}}
        """;

    async Task<Guid> TrainAsync(string spec)
    {
        var job = await (await Client.PostJsonTextAsync("/api/jobs", spec)).ReadAsync<JobResponse>();
        var done = await Client.WaitForFinalStateAsync(job.Id, TimeSpan.FromSeconds(60));
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.FailureReason}");
        return job.Id;
    }

    [Fact]
    public async Task Compare_HasNullCells_WhereAJobHasNoSuchEpoch()
    {
        var shorter = await TrainAsync(Specs.Xor(epochs: 3));
        var longer = await TrainAsync(Specs.Xor(epochs: 5));

        var comparison = await (await Client.GetAsync($"/api/compare?jobs={shorter},{longer}&metric=trainLoss")).ReadAsync<ComparisonResponse>();

        Assert.Equal(Enumerable.Range(1, 5), comparison.Epochs.Select(r => r.Epoch));
        Assert.All(comparison.Epochs.Take(3), r => Assert.All(r.Values, v => Assert.NotNull(v)));
        Assert.All(comparison.Epochs.Skip(3), r => Assert.Equal((null, true), (r.Values[0], r.Values[1] is not null)));
        // valLoss: neither job held out a validation split, so every cell is null, not 0.
        var noValidation = await (await Client.GetAsync($"/api/compare?jobs={shorter},{longer}&metric=valLoss")).ReadAsync<ComparisonResponse>();
        Assert.All(noValidation.Epochs, r => Assert.All(r.Values, v => Assert.Null(v)));
    }

    [Fact]
    public async Task Compare_RefusesMoreThanTwentyJobs_NamingTheParameter()
    {
        string ids = string.Join(",", Enumerable.Range(0, 21).Select(_ => Guid.NewGuid()));

        var response = await Client.GetAsync($"/api/compare?jobs={ids}&metric=valLoss");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 to 20", Assert.Single((await response.ReadValidationErrorsAsync())["jobs"]));
    }

    [Fact]
    public async Task DecisionBoundary_IsRefused_ForAModelWithoutTwoFeatures()
    {
        var job = await TrainAsync(XSquared);

        var response = await Client.GetAsync($"/api/jobs/{job}/plots/decision-boundary");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("2 input features", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/jobs/{job}/plots/loss")).StatusCode);
    }
}
