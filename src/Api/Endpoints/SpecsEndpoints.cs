using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Api.Hosting;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs;

namespace TrainService.Api.Endpoints;

public static class SpecsEndpoints
{
    public static IEndpointRouteBuilder MapSpecsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/specs/validate", Validate).WithTags("Specs").WithName("ValidateSpec")
            .WithSummary("Check a spec without enqueuing it; a valid one returns each layer's output shape and the parameter count")
            .Accepts<TrainingSpec>("application/json").RequireScope(Scope.Read);
        app.MapGet("/api/specs/schema", Schema).WithTags("Specs").WithName("GetSpecSchema")
            .WithSummary("The training spec as a JSON Schema (draft 2020-12), for editors and offline validation")
            .Produces<string>(StatusCodes.Status200OK, "application/schema+json").RequireScope(Scope.Read);
        return app;
    }

    static IResult Schema(SpecJsonSchema schema) => TypedResults.Text(schema.Get(), "application/schema+json");

    static async Task<Results<Ok<SpecValidationResponse>, ValidationProblem>> Validate(HttpRequest request, SpecGate gate, CancellationToken ct)
    {
        if (!request.HasJsonContentType()) return JobsEndpoints.NotJson();
        var gated = await gate.CheckAsync(request.Body, ct);
        if (!gated.IsValid) return TypedResults.ValidationProblem(gated.Errors, title: gated.Title);
        var validation = gated.Validation!;
        return TypedResults.Ok(new SpecValidationResponse(
            validation.Layers.Select(l => new LayerShapeResponse(l.Path, l.Kind, l.OutputShape, l.Parameters)).ToList(),
            validation.Parameters,
            validation.Warnings));
    }
}
