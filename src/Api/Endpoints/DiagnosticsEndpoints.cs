using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Responses;
using TrainService.Jobs;

namespace TrainService.Api.Endpoints;

public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app)
    {
        // Read-only, all of it: the group's scope is each endpoint's.
        var jobs = app.MapGroup("/api/jobs").WithTags("Diagnostics").RequireScope(Scope.Read);
        jobs.MapGet("/{id:guid}/diagnostics", Diagnostics).WithName("GetJobDiagnostics")
            .WithSummary("Per-layer gradient norms, update/weight ratios, activation statistics and pathology events at the sampled steps");
        jobs.MapGet("/{id:guid}/results", Results).WithName("GetJobResults")
            .WithSummary("Final and best metrics, epoch of best, parameter count, wall time, time per epoch, samples per second, peak memory");
        jobs.MapGet("/{id:guid}/events", JobEventStream.Stream).WithName(Hosting.JobEventStreamDocumentation.OperationName)
            .WithSummary("Server-Sent Events: status changes, epoch metrics and pathology events until the job ends; a late client first gets what already happened")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    static async Task<Results<Ok<DiagnosticsResponse>, ProblemHttpResult>> Diagnostics(Guid id, JobQueries queries, CancellationToken ct) =>
        await queries.DiagnosticsAsync(id, ct) is { } diagnostics ? TypedResults.Ok(diagnostics) : JobsEndpoints.JobNotFound(id);

    static async Task<Results<Ok<JobResultsResponse>, ProblemHttpResult>> Results(Guid id, JobQueries queries, CancellationToken ct) =>
        await queries.ResultsAsync(id, ct) is { } results ? TypedResults.Ok(results) : JobsEndpoints.JobNotFound(id);
}
