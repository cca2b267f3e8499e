using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Validation;

namespace TrainService.Api.Endpoints;

public static class SpecsEndpoints
{
    public static IEndpointRouteBuilder MapSpecsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/specs/validate", Validate).WithTags("Specs").WithName("ValidateSpec")
            .WithSummary("Check a spec without enqueuing it; a valid one returns each layer's output shape and the parameter count")
            .Accepts<TrainingSpec>("application/json");
        return app;
    }

    static async Task<Results<Ok<SpecValidationResponse>, ValidationProblem>> Validate(HttpRequest request, IUploadedDatasets uploads, IOptions<ModelLimits> limits, CancellationToken ct)
    {
        var (spec, jsonErrors) = await JsonBodyReader.ReadAsync<TrainingSpec>(request, ct);
        if (jsonErrors is not null) return TypedResults.ValidationProblem(jsonErrors, title: "The training spec is malformed");
        var validation = SpecValidator.Validate(spec!, uploads, limits.Value);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors, title: "The training spec is invalid");
        return TypedResults.Ok(new SpecValidationResponse(
            validation.Layers.Select(l => new LayerShapeResponse(l.Path, l.Kind, l.OutputShape, l.Parameters)).ToList(),
            validation.Parameters));
    }
}
