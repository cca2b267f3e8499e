using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TrainService.Contracts.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Optimizers;

/// <summary>Invalid optimizer and training-control settings come back as ProblemDetails keyed by JSON path.</summary>
public sealed class OptimizerValidationTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    const string Xor = """{"kind": "xor", "samples": 40}""";
    const string SmallModel = """{"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]}""";
    const string BigModel = """{"inputShape": [2], "layers": [{"kind": "linear", "units": 400, "activation": "tanh"}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]}""";

    static string Spec(string optimizer, string model = SmallModel, string training = """{"epochs": 2}""") =>
        $$"""{"name": "v", "dataset": {{Xor}}, "model": {{model}}, "loss": {"kind": "bce"}, "optimizer": {{optimizer}}, "training": {{training}}}""";

    async Task<IDictionary<string, string[]>> ErrorsAsync(string body)
    {
        var response = await factory.CreateClient().PostAsync("/api/specs/validate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(ContractJson.Options);
        return problem!.Errors;
    }

    [Fact]
    public async Task NegativeLearningRate_IsRejectedAtOptimizerLr()
    {
        var errors = await ErrorsAsync(Spec("""{"kind": "adam", "lr": -0.1}"""));
        Assert.Contains("between", Assert.Single(errors["$.optimizer.lr"]));
    }

    [Fact]
    public async Task UnknownVariant_IsRejectedAtOptimizerVariant()
    {
        var errors = await ErrorsAsync(Spec("""{"kind": "adam", "variant": "keras"}"""));
        Assert.True(errors.ContainsKey("$.optimizer.variant"), string.Join(", ", errors.Keys));
    }

    [Fact]
    public async Task Newton_OnAModelAboveTheLimit_IsRejectedAtOptimizerKind_WithTheLimitStated()
    {
        var errors = await ErrorsAsync(Spec("""{"kind": "newton"}""", BigModel));
        var message = Assert.Single(errors["$.optimizer.kind"]);
        Assert.Contains("at most 1000 parameters", message);
        Assert.Contains("has 1601", message);
    }

    [Fact]
    public async Task EarlyStopping_WithoutValidationSplit_IsRejected()
    {
        var errors = await ErrorsAsync(Spec("""{"kind": "sgd"}""", training: """{"epochs": 2, "earlyStopping": {"patience": 3}}"""));
        Assert.Contains("validationSplit", Assert.Single(errors["$.training.earlyStopping"]));
    }

    [Fact]
    public async Task ScheduleAndClippingFields_AreRangeChecked()
    {
        var errors = await ErrorsAsync(Spec("""{"kind": "sgd"}""",
            training: """{"epochs": 2, "schedule": {"kind": "step", "stepSize": 0}, "clipping": {"kind": "norm", "maxNorm": -1}}"""));
        Assert.True(errors.ContainsKey("$.training.schedule.stepSize"), string.Join(", ", errors.Keys));
        Assert.True(errors.ContainsKey("$.training.clipping.maxNorm"), string.Join(", ", errors.Keys));
    }

    [Fact]
    public async Task ReadmeExample_IsStillValid()
    {
        var body = Spec("""{"kind": "adam", "lr": 0.05}""", training: """{"epochs": 200, "batchSize": 32, "seed": 7, "validationSplit": 0.2}""");
        var response = await factory.CreateClient().PostAsync("/api/specs/validate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
