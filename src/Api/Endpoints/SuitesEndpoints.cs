using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Api.Access;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Suites;
using TrainService.Jobs.Suites;

namespace TrainService.Api.Endpoints;

/// <summary>
/// Suites are the service's own benchmarks: their studies belong to no caller, so in keys mode running,
/// scheduling and reading runs take an admin key (which sees every owner); listing takes read.
/// </summary>
public static class SuitesEndpoints
{
    public static IEndpointRouteBuilder MapSuitesEndpoints(this IEndpointRouteBuilder app)
    {
        var suites = app.MapGroup("/api/suites").WithTags("Suites");
        suites.MapGet("/", List).WithName("ListSuites").WithSummary("Every suite in the suites folder, with its sizes and schedule").RequireScope(Scope.Read);
        suites.MapPost("/{name}/runs", Run).WithName("RunSuite")
            .WithSummary("Run a suite now at a size (smoke or full): its recurring job is triggered at once; 202 with the run")
            .Accepts<SuiteRunRequest>("application/json").RequireScope(Scope.Admin);
        suites.MapPut("/{name}/schedule", Schedule).WithName("ScheduleSuite")
            .WithSummary("Set the cron (UTC) a suite runs on, and at which size; a null cron removes it")
            .Accepts<SuiteScheduleRequest>("application/json").RequireScope(Scope.Admin);
        suites.MapGet("/{name}/runs", Runs).WithName("ListSuiteRuns").WithSummary("A suite's runs, newest first").RequireScope(Scope.Admin);
        suites.MapGet("/{name}/runs/{id:guid}", GetRun).WithName("GetSuiteRun")
            .WithSummary("A suite run: build, machine, every arm's mean, 95% CI and samples/s, and regressions against the previous run on the same machine").RequireScope(Scope.Admin);
        suites.MapGet("/{name}/runs/{id:guid}/report", Report).WithName("GetSuiteRunReport")
            .WithSummary("A suite run's report; format=markdown (default) or html (with charts)")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown").Produces(StatusCodes.Status200OK, contentType: "text/html")
            .RequireScope(Scope.Admin);
        return app;
    }

    static async Task<Ok<IReadOnlyList<SuiteSummary>>> List(SuiteCatalog catalog, SuiteSchedules schedules, CancellationToken ct)
    {
        var list = new List<SuiteSummary>();
        foreach (var suite in catalog.All())
            list.Add(new SuiteSummary(suite.Name, suite.Version, suite.Title, suite.Description, suite.Parts.Select(p => p.Name).ToList(),
                suite.Sizes.Select(s => new SuiteSizeSummary(s.Key, s.Value.Seeds)).ToList(), await schedules.GetAsync(suite.Name, ct)));
        return TypedResults.Ok<IReadOnlyList<SuiteSummary>>(list);
    }

    static async Task<Results<Accepted<SuiteRunResponse>, ValidationProblem, ProblemHttpResult>> Run(
        string name, HttpRequest request, SuiteCatalog catalog, SuiteSchedules schedules, SuiteRunStore runs, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } suite) return SuiteNotFound(name);
        var body = new SuiteRunRequest();
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            var (read, errors) = await JsonBodyReader.ReadAsync<SuiteRunRequest>(request, ct);
            if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The run request is malformed");
            body = read!;
        }
        if (!suite.Sizes.ContainsKey(body.Size)) return BadSize(suite, body.Size, "$.size");
        var id = await runs.AskAsync(suite, body.Size, ct);
        await schedules.TriggerAsync(suite, body.Size, ct);
        var run = await runs.GetAsync(name, id, ct);
        return TypedResults.Accepted($"/api/suites/{name}/runs/{id}", run);
    }

    static async Task<Results<Ok<SuiteSummary>, ValidationProblem, ProblemHttpResult>> Schedule(
        string name, HttpRequest request, SuiteCatalog catalog, SuiteSchedules schedules, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } suite) return SuiteNotFound(name);
        var (body, errors) = await JsonBodyReader.ReadAsync<SuiteScheduleRequest>(request, ct);
        if (errors is not null) return TypedResults.ValidationProblem(errors, title: "The schedule is malformed");
        if (!suite.Sizes.ContainsKey(body!.Size)) return BadSize(suite, body.Size, "$.size");
        if (await schedules.SetAsync(suite, body.Cron, body.Size, ct) is { } why)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$.cron"] = [$"is not a cron expression: {why}"] }, title: "The schedule is invalid");
        return TypedResults.Ok(new SuiteSummary(suite.Name, suite.Version, suite.Title, suite.Description, suite.Parts.Select(p => p.Name).ToList(),
            suite.Sizes.Select(s => new SuiteSizeSummary(s.Key, s.Value.Seeds)).ToList(), await schedules.GetAsync(suite.Name, ct)));
    }

    static async Task<Results<Ok<IReadOnlyList<SuiteRunSummary>>, ProblemHttpResult>> Runs(string name, SuiteCatalog catalog, SuiteRunStore runs, CancellationToken ct)
    {
        var list = await runs.ListAsync(name, ct);
        return list.Count == 0 && catalog.Find(name) is null ? SuiteNotFound(name) : TypedResults.Ok(list);
    }

    static async Task<Results<Ok<SuiteRunResponse>, ProblemHttpResult>> GetRun(string name, Guid id, SuiteRunStore runs, CancellationToken ct) =>
        await runs.GetAsync(name, id, ct) is { } run ? TypedResults.Ok(run) : RunNotFound(name, id);

    /// <param name="name">The suite.</param>
    /// <param name="id">The run.</param>
    /// <param name="runs">The runs.</param>
    /// <param name="catalog">The suites (for the title).</param>
    /// <param name="ct">Request abort.</param>
    /// <param name="format">markdown (default) or html.</param>
    static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Report(
        string name, Guid id, SuiteRunStore runs, SuiteCatalog catalog, CancellationToken ct, string format = "markdown")
    {
        if (format is not ("markdown" or "html"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be markdown or html"] });
        if (await runs.GetAsync(name, id, ct) is not { } run) return RunNotFound(name, id);
        string? title = catalog.Find(name)?.Title;
        return format == "html"
            ? TypedResults.Text(SuiteReportHtml.Render(run, title), "text/html")
            : TypedResults.Text(SuiteReportMarkdown.Render(run, title), "text/markdown");
    }

    static ValidationProblem BadSize(SuiteDefinition suite, string size, string path) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [$"must be one of the suite's sizes ({string.Join(", ", suite.Sizes.Keys)}); got '{size}'"] });

    static ProblemHttpResult SuiteNotFound(string name) =>
        TypedResults.Problem(title: "Suite not found", detail: $"No suite is named '{name}' (GET /api/suites lists them).", statusCode: StatusCodes.Status404NotFound);

    static ProblemHttpResult RunNotFound(string name, Guid id) =>
        TypedResults.Problem(title: "Suite run not found", detail: $"Suite '{name}' has no run {id}.", statusCode: StatusCodes.Status404NotFound);
}
