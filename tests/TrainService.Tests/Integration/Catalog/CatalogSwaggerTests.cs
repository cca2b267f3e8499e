using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using System.Text;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Catalog;

/// <summary>Every layer, loss and sequence dataset kind has a Swagger example that the strict reader accepts; caps are configurable.</summary>
public sealed class CatalogSwaggerTests : IClassFixture<TrainServiceFactory>
{
    readonly TrainServiceFactory factory;

    public CatalogSwaggerTests(TrainServiceFactory factory) => this.factory = factory;

    static IEnumerable<Type> Kinds<T>() =>
        typeof(T).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

    [Fact]
    public async Task EveryLayerAndLossKind_HasAnExampleInSwagger_ThatDeserializes()
    {
        string swagger = await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        var schemas = JsonDocument.Parse(swagger).RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var type in Kinds<LayerSpec>().Concat(Kinds<LossSpec>()))
        {
            Assert.True(SpecExamples.All.ContainsKey(type), $"no example for {type.Name}");
            var schema = schemas.GetProperty(type.Name);
            Assert.True(schema.TryGetProperty("example", out var example) || schema.TryGetProperty("examples", out example), $"{type.Name} has no example in swagger.json");
            string json = example.ValueKind == JsonValueKind.Array ? example[0].GetRawText() : example.GetRawText();
            var baseType = typeof(LayerSpec).IsAssignableFrom(type) ? typeof(LayerSpec) : typeof(LossSpec);
            Assert.IsType(type, JsonSerializer.Deserialize(json, baseType, ContractJson.Options));
        }
    }

    [Fact]
    public async Task ParameterCap_IsReadFromConfiguration()
    {
        await using var capped = factory.WithWebHostBuilder(b => b.UseSetting("TrainService:Limits:MaxParameters", "8"));
        string spec = CatalogHttp.Spec("""{"kind":"xor"}""", "[2]", """{"kind":"linear","units":2,"activation":"tanh"},{"kind":"linear","units":1,"activation":"sigmoid"}""",
            """{"kind":"bce"}""", """{"kind":"adam"}""", """{"batchSize":4}""");
        var response = await capped.CreateClient().PostAsync("/api/specs/validate", new StringContent(spec, Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("the model has 9 parameters; this server accepts at most 8", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("$.model")[0].GetString());
    }
}
