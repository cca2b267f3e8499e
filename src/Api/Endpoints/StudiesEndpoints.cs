using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Plots;
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
        studies.MapGet("/{id:guid}/plots/{kind}", Plot).WithName("GetStudyPlot")
            .WithSummary("A study's plot as PNG (default) or SVG: curves (mean objective by epoch per arm, 95% band) or bars (final objective per arm, 95% CI)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").RequireScope(Scope.Read);
        studies.MapDelete("/{id:guid}", Delete).WithName("DeleteStudy")
            .WithSummary("Cancel the study, wait for its jobs to stop, then delete it with its jobs, their metrics, checkpoints and stored files").RequireScope(Scope.Submit);
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

    /// <param name="id">The study.</param>
    /// <param name="kind">curves or bars.</param>
    /// <param name="store">The studies.</param>
    /// <param name="ct">Request abort.</param>
    /// <param name="format">png (default) or svg.</param>
    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> Plot(Guid id, string kind, StudyStore store, CancellationToken ct, string? format = null)
    {
        if (!PlotRendering.TryParse(format, out var parsed)) return PlotsEndpoints.FormatProblem();
        if (!StudyPlotKinds.All.Contains(kind))
            return TypedResults.Problem(title: "Unknown plot kind", detail: $"kind must be one of {string.Join(", ", StudyPlotKinds.All)}", statusCode: StatusCodes.Status404NotFound);
        if (await store.CurvesAsync(id, ct) is not var (study, curves)) return StudyNotFound(id);
        var figure = kind == StudyPlotKinds.Curves
            ? StudyPlots.Curves(study.Name, study.Objective.Metric, curves)
            : StudyPlots.Bars(study.Name, study.Objective.Metric, study.Arms);
        return PlotsEndpoints.File(PlotRendering.Render(figure, parsed));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, StudyStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) switch
        {
            StudyDeleteOutcome.Deleted => TypedResults.NoContent(),
            StudyDeleteOutcome.NotFound => StudyNotFound(id),
            _ => TypedResults.Problem(title: "The study's jobs are still stopping", statusCode: StatusCodes.Status409Conflict,
                detail: $"Study {id} is cancelled, but some of its jobs had not stopped after {StudyStore.StopWait.TotalSeconds:0} s; retry the delete."),
        };

    static async Task<Results<Ok<StudyResponse>, ProblemHttpResult>> Cancel(Guid id, StudyStore store, CancellationToken ct) =>
        await store.CancelAsync(id, ct) is { } study ? TypedResults.Ok(study) : StudyNotFound(id);

    static ProblemHttpResult StudyNotFound(Guid id) =>
        TypedResults.Problem(title: "Study not found", detail: $"No study has id {id}.", statusCode: StatusCodes.Status404NotFound);
}
