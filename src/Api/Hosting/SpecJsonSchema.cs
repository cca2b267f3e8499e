using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace TrainService.Api.Hosting;

/// <summary>
/// The training spec as a standalone JSON Schema (draft 2020-12), cut from the OpenAPI document's
/// 3.1 form — whose schemas are JSON Schema — so editors and validators of any language can check
/// a spec offline. One source: the same schema Swagger shows, with OpenAPI's discriminator
/// inheritance (a base with allOf children, which JSON Schema cannot express: the base's
/// additionalProperties: false would refuse the children's fields) flattened into one closed
/// schema per kind with <c>kind</c> as a const, and each base a oneOf of its kinds.
/// </summary>
public sealed class SpecJsonSchema(ISwaggerProvider swagger)
{
    const string RootName = "TrainingSpec";
    readonly Lazy<string> document = new(() => Build(swagger));

    public string Get() => document.Value;

    static string Build(ISwaggerProvider swagger)
    {
        using var buffer = new StringWriter();
        swagger.GetSwagger("v1").SerializeAsV31(new OpenApiJsonWriter(buffer));
        var components = JsonNode.Parse(buffer.ToString())!["components"]!["schemas"]!.AsObject();
        var definitions = new JsonObject();
        foreach (var name in Reachable(components, RootName).Order(StringComparer.Ordinal))
            definitions[name] = Rewrite(components[name]!.DeepClone());
        AllowNullReferences(definitions);
        var original = definitions.DeepClone().AsObject();
        foreach (var (baseType, kinds) in PolymorphicContracts())
            if (definitions[baseType.Name] is JsonObject) Flatten(definitions, original, baseType.Name, kinds);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:trainservice:training-spec",
            ["title"] = "TrainService training spec",
            ["$ref"] = $"#/$defs/{RootName}",
            ["$defs"] = definitions,
        };
        return schema.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Swashbuckle writes a nullable record-typed property as a bare $ref, though the server
    /// accepts null there ("init": null); the schema must too.
    /// </summary>
    static void AllowNullReferences(JsonObject definitions)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var type in typeof(Contracts.Specs.TrainingSpec).Assembly.GetTypes())
        {
            if (definitions[type.Name]?["properties"] is not JsonObject properties) continue;
            foreach (var property in type.GetProperties())
            {
                string name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (properties[name] is not JsonObject schema || schema["$ref"] is not { } reference) continue;
                if (nullability.Create(property).ReadState != NullabilityState.Nullable) continue;
                schema.Remove("$ref");
                schema["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = reference.DeepClone() }, new JsonObject { ["type"] = "null" });
            }
        }
    }

    /// <summary>The spec's polymorphic records (JsonPolymorphic) with each derived record's kind.</summary>
    static IEnumerable<(Type Base, (string Schema, string Kind)[] Kinds)> PolymorphicContracts() =>
        typeof(Contracts.Specs.TrainingSpec).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<JsonPolymorphicAttribute>() is not null)
            .Select(t => (t, t.GetCustomAttributes<JsonDerivedTypeAttribute>()
                .Select(d => (d.DerivedType.Name, (string)d.TypeDiscriminator!)).ToArray()));

    static void Flatten(JsonObject definitions, JsonObject original, string baseName, (string Schema, string Kind)[] kinds)
    {
        foreach (var (schemaName, kind) in kinds)
        {
            if (definitions[schemaName] is not JsonObject derived) continue;
            var (properties, required) = Fields(original, schemaName);
            properties["kind"] = new JsonObject { ["const"] = kind };
            derived.Remove("allOf");
            derived["properties"] = properties;
            derived["required"] = new JsonArray(required.Append("kind").Distinct().Order(StringComparer.Ordinal).Select(r => (JsonNode)r).ToArray());
            derived["additionalProperties"] = false;
        }
        definitions[baseName] = new JsonObject
        {
            ["description"] = original[baseName]!["description"]?.DeepClone(),
            ["oneOf"] = new JsonArray(kinds.Select(k => (JsonNode)new JsonObject { ["$ref"] = $"#/$defs/{k.Schema}" }).ToArray()),
        };
    }

    /// <summary>A definition's properties and required names, its allOf ancestors' first (e.g. RnnLayerSpec → RecurrentLayerSpec → LayerSpec).</summary>
    static (JsonObject Properties, List<string> Required) Fields(JsonObject original, string name)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        var schema = original[name]!;
        foreach (var parent in schema["allOf"]?.AsArray() ?? [])
            if (parent?["$ref"]?.GetValue<string>() is { } reference)
            {
                var (inherited, inheritedRequired) = Fields(original, reference["#/$defs/".Length..]);
                foreach (var (key, value) in inherited.ToList()) properties[key] = value!.DeepClone();
                required.AddRange(inheritedRequired);
            }
        foreach (var (key, value) in schema["properties"]?.AsObject().ToList() ?? []) properties[key] = value!.DeepClone();
        required.AddRange(schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        return (properties, required);
    }

    /// <summary>The component names the root refers to, directly or through others.</summary>
    static HashSet<string> Reachable(JsonObject components, string root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || components[name] is not { } node) continue;
            foreach (var reference in References(node)) pending.Push(reference);
        }
        return seen;
    }

    static IEnumerable<string> References(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" && p.Value?.GetValue<string>() is { } r && r.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? [r[ComponentPrefix.Length..]]
            : p.Value is null ? [] : References(p.Value)),
        JsonArray a => a.SelectMany(item => item is null ? [] : References(item)),
        _ => [],
    };

    const string ComponentPrefix = "#/components/schemas/";

    static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (key == "$ref" && o[key]!.GetValue<string>() is { } r && r.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                        o[key] = "#/$defs/" + r[ComponentPrefix.Length..];
                    else if (o[key] is { } child) Rewrite(child);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item);
                break;
        }
        return node;
    }
}
