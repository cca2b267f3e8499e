using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TrainService.Contracts.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>GET /api/specs/schema, checked with an independent validator (JsonSchema.Net): it accepts what the server accepts and refuses what it refuses.</summary>
public sealed class SpecSchemaTests : IClassFixture<TrainServiceFactory>
{
    readonly HttpClient client;

    public SpecSchemaTests(TrainServiceFactory factory) => client = factory.CreateClient();

    async Task<JsonObject> SchemaAsync()
    {
        var response = await client.GetAsync("/api/specs/schema");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The published schema with its root pointed at one definition (the whole spec, or a part of it).</summary>
    static JsonSchema Rooted(JsonObject schema, string definition)
    {
        var copy = schema.DeepClone().AsObject();
        copy["$ref"] = $"#/$defs/{definition}";
        copy["$id"] = $"urn:trainservice:test:{definition}:{Guid.NewGuid():N}"; // the validator's registry is global
        return JsonSchema.FromText(copy.ToJsonString());
    }

    static bool IsValid(JsonSchema schema, string json) =>
        schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;

    [Fact]
    public async Task ValidSpecs_AreValid()
    {
        var schema = Rooted(await SchemaAsync(), "TrainingSpec");

        Assert.True(IsValid(schema, Specs.ReadmeXor));
        Assert.True(IsValid(schema, Specs.Xor(epochs: 3)));
    }

    [Fact]
    public async Task EveryKindsExample_IsValidAgainstItsDefinition()
    {
        var schema = await SchemaAsync();
        foreach (var (type, example) in SpecExamples.All)
        {
            string json = JsonSerializer.Serialize(example, PolymorphicBase(type) ?? type, ContractJson.Options);
            Assert.True(IsValid(Rooted(schema, type.Name), json), $"{type.Name}'s example {json} is refused by its own schema");
        }
    }

    // Serialized as its polymorphic base, the example carries its "kind" as a client would send it.
    static Type? PolymorphicBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsDefined(typeof(System.Text.Json.Serialization.JsonPolymorphicAttribute), inherit: false)) return t;
        return null;
    }

    [Theory]
    [InlineData("a missing kind", "\"optimizer\": {\"kind\": \"adam\", \"lr\": 0.05}", "\"optimizer\": {\"lr\": 0.05}")]
    [InlineData("an unknown kind", "{\"kind\": \"bce\"}", "{\"kind\": \"bceX\"}")]
    [InlineData("an unknown field", "\"lr\": 0.05", "\"lr\": 0.05, \"momentum\": 0.9")]
    [InlineData("an integer enum", "\"activation\": \"tanh\"", "\"activation\": 3")]
    [InlineData("a field of another kind", "{\"kind\": \"bce\"}", "{\"kind\": \"bce\", \"delta\": 1.0}")]
    [InlineData("a missing required field", "\"loss\": {\"kind\": \"bce\"},", "")]
    [InlineData("a number out of range", "\"lr\": 0.05", "\"lr\": -1")]
    public async Task MalformedSpecs_AreRefused(string what, string from, string to)
    {
        var schema = Rooted(await SchemaAsync(), "TrainingSpec");
        string spec = Specs.ReadmeXor.Replace(from, to);
        Assert.NotEqual(Specs.ReadmeXor, spec);

        Assert.False(IsValid(schema, spec), $"the schema accepts {what}");
        var server = await client.PostJsonTextAsync("/api/specs/validate", spec);
        Assert.Equal(HttpStatusCode.BadRequest, server.StatusCode);
    }
}
