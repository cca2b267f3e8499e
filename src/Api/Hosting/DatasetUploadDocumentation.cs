using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TrainService.Api.Hosting;

/// <summary>
/// Describes the POST /api/datasets form in OpenAPI. The endpoint reads the form itself (to turn
/// every problem into a 400 ProblemDetails), so nothing in its signature tells Swagger the fields.
/// </summary>
public sealed class DatasetUploadDocumentation : IOperationFilter
{
    public const string OperationName = "UploadDataset";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != OperationName) return;
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file", "task", "target" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "CSV with a header row, or a JSON array of flat objects (one per row)." },
                ["task"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "regression, binary (labels 0/1) or multiclass (labels 0…C−1)." },
                ["target"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Target column name; several, comma-separated, for regression." },
                ["features"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Optional comma-separated feature columns; default: every column except the targets." },
                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Optional label; default: the file name." },
            },
        };
        var file = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The file itself; task, target, features and name then come from the query string." };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new() { Schema = schema },
                ["text/csv"] = new() { Schema = file },
                ["application/json"] = new() { Schema = file },
            },
        };
        operation.Parameters ??= [];
        foreach (var field in new[] { "task", "target", "features", "name" })
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = field,
                In = ParameterLocation.Query,
                Description = $"With a text/csv or application/json body only: {((OpenApiSchema)schema.Properties[field]).Description}",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
    }
}
