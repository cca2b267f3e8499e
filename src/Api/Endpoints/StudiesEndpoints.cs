using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Studies;

namespace TrainService.Api.Endpoints;

public static class StudiesEndpoints
{
    public static IEndpointRouteBuilder MapStudiesEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapPost("/", Create).WithName("CreateStudy")
            .WithSummary("Expand a base spec × factors × seeds into jobs, validate every one, then enqueue them all")
            .Accepts<StudySpec>("application/json").RequireScope(Scope.Submit);
        studies.MapGet("/", List).WithName("ListStudies").WithSummary("Every study, newest first, with its status").RequireScope(Scope.Read);
        studies.MapGet("/{id:guid}", Get).WithName("GetStudy")
            .WithSummary("A study's status, jobs and arms table (mean, std, 95% CI, paired tests against the best); format=json, csv or markdown")
            .Produces<StudyResponse>().Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "text/markdown").RequireScope(Scope.Read);
        studies.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelStudy").WithSummary("Cancel every queued or running job of the study").RequireScope(Scope.Submit);
        return app;
    }

    static async Task<Results<Created<StudyResponse>, ValidationProblem, ProblemHttpResult>> Create(HttpRequest request, HttpResponse response, StudyStore store,
        Microsoft.Extensions.Options.IOptions<TrainService.Jobs.Access.AccessOptions> quota, CancellationToken ct)
    {
        var (study, errors) = await JsonBodyReader.ReadAsync<StudySpec>(request, ct);
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The study is malformed");
        var (outcome, created, invalid) = await store.SubmitAsync(study!, ct);
        switch (outcome)
        {
            case StudySubmitOutcome.Created:
                return TypedResults.Created($"/api/studies/{created!.Id}", created);
            case StudySubmitOutcome.Invalid:
                return TypedResults.ValidationProblem(invalid, title: "The study is invalid");
            case StudySubmitOutcome.OwnerQuotaFull:
                return JobsEndpoints.OwnerQuotaFull(response, quota.Value.MaxActiveJobsPerOwner);
            default:
                response.Headers.RetryAfter = "5";
                return TypedResults.Problem(title: "Too many queued jobs", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: "The study's jobs do not fit in the queue; retry when fewer jobs are queued.");
        }
    }

    static async Task<Ok<IReadOnlyList<StudySummary>>> List(StudyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct));

    /// <param name="id">The study.</param>
    /// <param name="store">The studies.</param>
    /// <param name="ct">Request abort.</param>
    /// <param name="format">json (default: the whole study), csv or markdown (the arms table only).</param>
    static async Task<Results<Ok<StudyResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(Guid id, StudyStore store, CancellationToken ct, string format = "json")
    {
        if (format is not ("json" or "csv" or "markdown"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be json, csv or markdown"] });
        if (await store.GetAsync(id, ct) is not { } study) return StudyNotFound(id);
        return format switch
        {
            "csv" => TypedResults.Text(StudyTables.Csv(study), "text/csv"),
            "markdown" => TypedResults.Text(StudyTables.Markdown(study), "text/markdown"),
            _ => TypedResults.Ok(study),
        };
    }

    static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> Cancel(Guid id, StudyStore store, CancellationToken ct) =>
        await store.CancelAsync(id, ct) is { } study ? TypedResults.Ok(study) : StudyNotFound(id);

    static ProblemHttpResult StudyNotFound(Guid id) =>
        TypedResults.Problem(title: "Study not found", detail: $"No study has id {id}.", statusCode: StatusCodes.Status404NotFound);
}
