using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TrainService.Contracts.Responses;

namespace TrainService.Api.Hosting;

/// <summary>
/// Describes the SSE stream's events in OpenAPI: each event's data is one of four records,
/// named by the event field (status, epoch, pathology, end).
/// </summary>
public sealed class JobEventStreamDocumentation : IOperationFilter
{
    public const string OperationName = "StreamJobEvents";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != OperationName || operation.Responses?["200"] is not OpenApiResponse ok) return;
        var events = new[] { typeof(JobStatusEvent), typeof(EpochMetrics), typeof(PathologyEvent), typeof(JobStreamEnd) }
            .Select(type => context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository)).ToList<IOpenApiSchema>();
        ok.Description = "One SSE event per line group: `event: status` → JobStatusEvent, `event: epoch` → EpochMetrics, "
            + "`event: pathology` → PathologyEvent, `event: end` → JobStreamEnd (last; the stream then closes). `data` is the record as JSON.";
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        ok.Content["text/event-stream"] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = events } };
    }
}
