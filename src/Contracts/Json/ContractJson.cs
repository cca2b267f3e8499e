using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainService.Contracts.Json;

/// <summary>
/// The one set of JSON rules for specs and responses: camelCase, strict (unknown fields and
/// missing required ones are errors, nulls only where a type allows them), discriminators in
/// any position. The API, the job store and the tests all use it.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowOutOfOrderMetadataProperties = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
