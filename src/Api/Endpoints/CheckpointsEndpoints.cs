using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Responses;
using TrainService.Jobs;
using TrainService.Jobs.Inference;
using TrainService.Jobs.Storage;

namespace TrainService.Api.Endpoints;

public static class CheckpointsEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointsEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs/{id:guid}").WithTags("Checkpoints");
        jobs.MapGet("/checkpoints", List).WithName("ListCheckpoints").WithSummary("The job's saved checkpoints, oldest first").RequireScope(Scope.Read);
        jobs.MapGet("/checkpoints/{name}", Download).WithName("DownloadCheckpoint")
            .WithSummary("Download a checkpoint file (final, best, latest, interrupted or epoch-NNNNNN)").RequireScope(Scope.Read);
        jobs.MapPost("/predict", Predict).WithName("Predict")
            .WithSummary("Run inputs through a trained model: the newest checkpoint unless ?checkpoint=final|best|latest|epoch-NNNNNN").RequireScope(Scope.Read);
        return app;
    }

    static async Task<Results<Ok<IReadOnlyList<CheckpointResponse>>, ProblemHttpResult>> List(Guid id, JobQueries queries, CancellationToken ct) =>
        await queries.CheckpointsAsync(id, ct) is { } checkpoints ? TypedResults.Ok(checkpoints) : JobsEndpoints.JobNotFound(id);

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(Guid id, string name, JobQueries queries, CancellationToken ct) =>
        await queries.OpenCheckpointAsync(id, name, ct) is var (content, fileName)
            ? TypedResults.File(content, "application/octet-stream", fileName)
            : CheckpointNotFound(id, name);

    static async Task<Results<Ok<PredictResponse>, ValidationProblem, ProblemHttpResult>> Predict(
        Guid id, HttpRequest request, PredictorCache predictors, CancellationToken ct, string checkpoint = CheckpointNames.Latest)
    {
        var (body, jsonErrors) = await JsonBodyReader.ReadAsync<PredictRequest>(request, ct);
        if (jsonErrors is not null) return TypedResults.ValidationProblem(jsonErrors, title: "The predict request is malformed");
        if (body!.Inputs.Count is 0 or > 100_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$.inputs"] = ["must hold between 1 and 100000 rows"] });
        if (PredictInputCheck.FindBadValues(body) is { Count: > 0 } badValues)
            return TypedResults.ValidationProblem(badValues, title: "The predict request is invalid");
        var result = await predictors.PredictAsync(id, checkpoint, body, ct);
        return result.Outcome switch
        {
            PredictOutcome.Ok => TypedResults.Ok(result.Response!),
            PredictOutcome.JobNotFound => JobsEndpoints.JobNotFound(id),
            PredictOutcome.NoCheckpoint => TypedResults.Problem(title: "Checkpoint not found", detail: result.Problem, statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Path!] = [result.Problem!] }, title: "The predict request is invalid"),
        };
    }

    static ProblemHttpResult CheckpointNotFound(Guid id, string name) =>
        TypedResults.Problem(title: "Checkpoint not found", detail: $"Job {id} has no checkpoint named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
