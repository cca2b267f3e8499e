using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TrainService.Contracts.Json;

namespace TrainService.Api.Hosting;

/// <summary>Puts each spec kind's example on its schema, serialized through the polymorphic base so it carries its <c>kind</c>.</summary>
public sealed class SpecExampleSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || !SpecExamples.All.TryGetValue(context.Type, out var example)) return;
        var declared = context.Type;
        while (declared.BaseType is { } parent && parent != typeof(object) && declared.GetCustomAttribute<JsonPolymorphicAttribute>() is null)
            declared = parent;
        concrete.Examples = [JsonNode.Parse(JsonSerializer.Serialize(example, declared, ContractJson.Options))!];
    }
}
