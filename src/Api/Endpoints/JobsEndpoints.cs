using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs;
using TrainService.Jobs.Access;
using Microsoft.Extensions.Options;

namespace TrainService.Api.Endpoints;

public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapPost("/", Create).WithName("CreateJob")
            .WithSummary("Validate a training spec and enqueue it as a job")
            .Accepts<TrainingSpec>("application/json").RequireScope(Scope.Submit);
        jobs.MapGet("/", List).WithName("ListJobs")
            .WithSummary("List job summaries, newest first; filter by status, name prefix and creation time").RequireScope(Scope.Read);
        jobs.MapGet("/{id:guid}", Get).WithName("GetJob").WithSummary("A job's status, timestamps, failure reason and final metrics").RequireScope(Scope.Read);
        jobs.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelJob").WithSummary("Cancel a queued job, or stop a running one at its next batch").RequireScope(Scope.Submit);
        jobs.MapDelete("/{id:guid}", Delete).WithName("DeleteJob")
            .WithSummary("Delete a finished job with its metrics, events, checkpoints and their stored files; a queued or running job must be cancelled first (409)").RequireScope(Scope.Submit);
        jobs.MapGet("/{id:guid}/metrics/steps", Steps).WithName("GetJobStepMetrics")
            .WithSummary("Per-step loss, gradient norm and learning rate, downsampled on the server to at most maxPoints").RequireScope(Scope.Read);
        jobs.MapGet("/{id:guid}/metrics", Metrics).WithName("GetJobMetrics").WithSummary("Per-epoch loss, accuracy and time").RequireScope(Scope.Read);
        return app;
    }

    static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, HttpResponse response, JobStore store, SpecGate gate, IOptions<AccessOptions> quota,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["must have 1 to 200 characters"] });
        if (!request.HasJsonContentType()) return NotJson();
        var gated = await gate.CheckAsync(request.Body, ct);
        if (!gated.IsValid) return TypedResults.ValidationProblem(gated.Errors, title: gated.Title);
        var spec = gated.Spec!;

        var (outcome, job) = await store.SubmitAsync(spec, idempotencyKey, ct);
        switch (outcome)
        {
            case SubmitOutcome.Created:
                return TypedResults.Created($"/api/jobs/{job!.Id}", job with { Warnings = gated.Validation!.Warnings });
            case SubmitOutcome.Existing:
                response.Headers.Location = $"/api/jobs/{job!.Id}";
                return TypedResults.Ok(job with { Warnings = gated.Validation!.Warnings });
            case SubmitOutcome.KeyReusedWithDifferentSpec:
                return TypedResults.Problem(title: "Idempotency-Key reused", statusCode: StatusCodes.Status422UnprocessableEntity,
                    detail: "This Idempotency-Key was already used with a different spec; use a new key for a new job.");
            case SubmitOutcome.OwnerQuotaFull:
                return OwnerQuotaFull(response, quota.Value.MaxActiveJobsPerOwner);
            default:
                response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(title: "Too many queued jobs", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"The queue is full; retry after {RetryAfterSeconds} seconds.");
        }
    }

    const int RetryAfterSeconds = 5;

    internal static ProblemHttpResult OwnerQuotaFull(HttpResponse response, int quota)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many active jobs for this owner", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"This owner may have {quota} jobs queued or running at once; retry after {RetryAfterSeconds} seconds, when some have finished.");
    }

    /// <param name="store">The jobs.</param>
    /// <param name="ct">Request abort.</param>
    /// <param name="status">Only jobs in this state: queued, running, succeeded, failed or cancelled.</param>
    /// <param name="name">Only jobs whose name starts with this.</param>
    /// <param name="createdAfter">Only jobs created after this ISO 8601 date or instant, e.g. 2026-12-01 or 2026-12-01T10:00:00Z.</param>
    /// <param name="page">1-based page number (default 1).</param>
    /// <param name="pageSize">Items per page, 1 to 200 (default 20).</param>
    static async Task<Results<Ok<PagedList<JobSummary>>, ValidationProblem>> List(JobStore store, CancellationToken ct,
        string? status = null, string? name = null, string? createdAfter = null, string? page = null, string? pageSize = null)
    {
        var query = JobListQueryParser.Parse(status, name, createdAfter, page, pageSize, out var errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The query string is invalid");
        return TypedResults.Ok(await store.ListAsync(query, ct));
    }

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Get(Guid id, JobStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : JobNotFound(id);

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Cancel(Guid id, JobStore store, CancellationToken ct) =>
        await store.CancelAsync(id, ct) switch
        {
            null => JobNotFound(id),
            (CancelOutcome.AlreadyFinished, var job) => TypedResults.Problem(title: "The job already finished",
                detail: $"Job {id} already {job.Status.ToString().ToLowerInvariant()} at {job.FinishedAt:O}; there is nothing to cancel.",
                statusCode: StatusCodes.Status409Conflict),
            (_, var job) => TypedResults.Ok(job),
        };

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, JobStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) switch
        {
            (DeleteOutcome.Deleted, _) => TypedResults.NoContent(),
            (DeleteOutcome.NotFound, _) => JobNotFound(id),
            (DeleteOutcome.Unfinished, _) => TypedResults.Problem(title: "The job has not finished",
                detail: $"Job {id} is queued or running; cancel it (POST /api/jobs/{id}/cancel), wait until it reads cancelled, then delete it.",
                statusCode: StatusCodes.Status409Conflict),
            (DeleteOutcome.InStudy, var study) => TypedResults.Problem(title: "The job belongs to a study",
                detail: $"Job {id} is one run of study {study}; delete the study (DELETE /api/studies/{study}) to delete its jobs.",
                statusCode: StatusCodes.Status409Conflict),
            (_, var dependent) => TypedResults.Problem(title: "Another job starts from this one",
                detail: $"Job {dependent} is queued or running and warm-starts from a checkpoint of job {id}; delete {id} after {dependent} finishes.",
                statusCode: StatusCodes.Status409Conflict),
        };

    static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> Metrics(Guid id, JobStore store, CancellationToken ct) =>
        await store.GetMetricsAsync(id, ct) is { } metrics ? TypedResults.Ok(metrics) : JobNotFound(id);

    static async Task<Results<Ok<StepSeriesResponse>, ValidationProblem, ProblemHttpResult>> Steps(Guid id, JobStore store, CancellationToken ct, int maxPoints = 1000)
    {
        if (maxPoints is < 2 or > 100_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["maxPoints"] = ["must be between 2 and 100000"] });
        return await store.GetStepsAsync(id, maxPoints, ct) is { } steps ? TypedResults.Ok(steps) : JobNotFound(id);
    }

    internal static ValidationProblem NotJson() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["the body must be JSON (Content-Type: application/json)"] }, title: "The training spec is malformed");

    internal static ProblemHttpResult JobNotFound(Guid id) =>
        TypedResults.Problem(title: "Job not found", detail: $"No job has id {id}.", statusCode: StatusCodes.Status404NotFound);
}
