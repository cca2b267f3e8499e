using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TrainService.Contracts.Specs;
using TrainService.Contracts.Specs.Studies;

namespace TrainService.Api.Hosting;

/// <summary>
/// A study's <c>base</c> is a JsonElement on the record (the planner patches it as JSON before the
/// spec gate binds it), but to a client it is a training spec: the schema says so.
/// </summary>
public sealed class StudySchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(StudySpec) || schema is not OpenApiSchema concrete || concrete.Properties is null) return;
        // For a type the repository names, the generator answers with a $ref to it.
        concrete.Properties["base"] = context.SchemaGenerator.GenerateSchema(typeof(TrainingSpec), context.SchemaRepository);
    }
}
