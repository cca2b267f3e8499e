using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Json;

/// <summary>
/// The one set of JSON rules for specs and responses: camelCase, strict (unknown fields, duplicate
/// keys, integer enums and missing required fields are errors, nulls only where a type allows them), discriminators in
/// any position. The API, the job store and the tests all use it.
/// </summary>
public static class ContractJson
{
    /// <summary>Read-only, with its resolver in place, so the shape walk can read the same metadata the serializer uses.</summary>
    public static JsonSerializerOptions Options { get; } = ReadOnly(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowOutOfOrderMetadataProperties = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.AllowDuplicateProperties = false;
        // Ahead of the types' own [JsonConverter] attributes: enums are their names, never integers.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
