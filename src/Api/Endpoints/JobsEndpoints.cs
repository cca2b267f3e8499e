using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs;
using TrainService.Jobs.Inference;
using TrainService.Models.Validation;

namespace TrainService.Api.Endpoints;

public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapPost("/", Create).WithName("CreateJob")
            .WithSummary("Validate a training spec and enqueue it as a job")
            .Accepts<TrainingSpec>("application/json");
        jobs.MapGet("/", List).WithName("ListJobs").WithSummary("List jobs, newest first");
        jobs.MapGet("/{id:guid}", Get).WithName("GetJob").WithSummary("A job's status, timestamps, failure reason and final metrics");
        jobs.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelJob").WithSummary("Cancel a queued job, or stop a running one at its next batch");
        jobs.MapGet("/{id:guid}/metrics", Metrics).WithName("GetJobMetrics").WithSummary("Per-epoch loss, accuracy and time");
        jobs.MapPost("/{id:guid}/predict", Predict).WithName("Predict").WithSummary("Run inputs through the job's trained model");
        return app;
    }

    static async Task<Results<Created<JobResponse>, ValidationProblem>> Create(HttpRequest request, JobStore store, IOptions<ModelLimits> limits, CancellationToken ct)
    {
        var (spec, jsonErrors) = await JsonBodyReader.ReadAsync<TrainingSpec>(request, ct);
        if (jsonErrors is not null) return TypedResults.ValidationProblem(jsonErrors, title: "The training spec is malformed");
        var validation = SpecValidator.Validate(spec!, limits.Value);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors, title: "The training spec is invalid");
        var job = await store.CreateAsync(spec!, ct);
        return TypedResults.Created($"/api/jobs/{job.Id}", job);
    }

    static async Task<Results<Ok<PagedList<JobResponse>>, ValidationProblem>> List(JobStore store, CancellationToken ct, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > 200) errors["pageSize"] = ["must be between 1 and 200"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await store.ListAsync(page, pageSize, ct));
    }

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Get(Guid id, JobStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : JobNotFound(id);

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Cancel(Guid id, JobStore store, CancellationToken ct) =>
        await store.CancelAsync(id, ct) is { } job ? TypedResults.Ok(job) : JobNotFound(id);

    static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> Metrics(Guid id, JobStore store, CancellationToken ct) =>
        await store.GetMetricsAsync(id, ct) is { } metrics ? TypedResults.Ok(metrics) : JobNotFound(id);

    static async Task<Results<Ok<PredictResponse>, ValidationProblem, ProblemHttpResult>> Predict(
        Guid id, HttpRequest request, PredictorCache predictors, CancellationToken ct)
    {
        var (body, jsonErrors) = await JsonBodyReader.ReadAsync<PredictRequest>(request, ct);
        if (jsonErrors is not null) return TypedResults.ValidationProblem(jsonErrors, title: "The predict request is malformed");
        if (body!.Inputs.Count is 0 or > 100_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$.inputs"] = ["must hold between 1 and 100000 rows"] });
        var result = await predictors.PredictAsync(id, "final", body, ct);
        return result.Outcome switch
        {
            PredictOutcome.Ok => TypedResults.Ok(result.Response!),
            PredictOutcome.JobNotFound => JobNotFound(id),
            PredictOutcome.NoCheckpoint => TypedResults.Problem(title: "The job has no trained model yet", detail: result.Problem, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Path!] = [result.Problem!] }, title: "The predict request is invalid"),
        };
    }

    static ProblemHttpResult JobNotFound(Guid id) =>
        TypedResults.Problem(title: "Job not found", detail: $"No job has id {id}.", statusCode: StatusCodes.Status404NotFound);
}
