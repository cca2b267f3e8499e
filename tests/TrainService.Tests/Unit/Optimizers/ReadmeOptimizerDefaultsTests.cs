using System.Text.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TrainService.Models.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Optimizers;

/// <summary>
/// The README's optimizer table ("defaults" column), copied here literally: a spec that names only
/// the kind gets these settings, and the optimizer built from it starts at the README's lr.
/// </summary>
public sealed class ReadmeOptimizerDefaultsTests
{
    /// <summary>Per kind, the README's defaults as the JSON fields that carry them.</summary>
    public static TheoryData<string, string> Defaults => new()
    {
        { "gd", """{"lr": 0.001, "tol": 1e-6}""" },
        { "sgd", """{"lr": 0.01}""" },
        { "momentum", """{"lr": 0.001, "momentum": 0.9}""" },
        { "nesterov", """{"lr": 0.001, "momentum": 0.9}""" },
        { "adagrad", """{"lr": 0.01, "eps": 1e-7}""" },
        { "rmsprop", """{"lr": 0.001, "rho": 0.9, "eps": 1e-7}""" },
        { "adam", """{"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}""" },
        { "adamax", """{"lr": 0.002, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}""" },
        { "nadam", """{"lr": 0.002, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}""" },
        { "adamw", """{"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weightDecay": 0.01}""" },
        { "sgdw", """{"lr": 0.001, "momentum": 0.9, "weightDecay": 0.01}""" },
        { "radam", """{"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}""" },
        { "lion", """{"lr": 1e-4, "beta1": 0.9, "beta2": 0.99, "weightDecay": 0}""" },
        { "newton", """{"lr": 1, "damping": 1e-4}""" },
        { "lbfgs", """{"lr": 1, "maxIter": 20, "toleranceGrad": 1e-7, "toleranceChange": 1e-9, "historySize": 100}""" },
    };

    [Theory, MemberData(nameof(Defaults))]
    public void KindAlone_GetsTheReadmesDefaults_AndStartsAtTheReadmesLr(string kind, string readmeDefaults)
    {
        var spec = JsonSerializer.Deserialize<OptimizerSpec>($$"""{"kind": "{{kind}}"}""", ContractJson.Options)!;
        using var echoed = JsonDocument.Parse(JsonSerializer.Serialize(spec, ContractJson.Options));
        using var expected = JsonDocument.Parse(readmeDefaults);

        foreach (var field in expected.RootElement.EnumerateObject())
        {
            Assert.True(echoed.RootElement.TryGetProperty(field.Name, out var actual), $"{kind}: no field {field.Name} in {echoed.RootElement}");
            Assert.Equal(field.Value.GetDouble(), actual.GetDouble());
        }
        using (NewDisposeScope())
        {
            using var optimizer = OptimizerFactory.Create(spec, [new Parameter(zeros(3))]);
            Assert.Equal(expected.RootElement.GetProperty("lr").GetDouble(), optimizer.LearningRate, 12);
        }
    }

    [Fact]
    public void TheTable_CoversEveryKind() =>
        Assert.Equal(
            typeof(OptimizerSpec).GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!).Order(),
            Defaults.Select(row => (string)row[0]).Order());
}
