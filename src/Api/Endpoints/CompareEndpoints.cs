using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Responses;
using TrainService.Jobs;
using TrainService.Jobs.Plots;

namespace TrainService.Api.Endpoints;

public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/compare", Compare).WithTags("Plots").WithName("CompareJobs")
            .WithSummary("One per-epoch metric of several jobs aligned by epoch: JSON side by side (default), or a PNG/SVG overlay")
            .Produces<ComparisonResponse>().Produces(StatusCodes.Status200OK, contentType: "image/png").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .RequireScope(Scope.Read);
        return app;
    }

    static async Task<Results<Ok<ComparisonResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Compare(
        JobQueries queries, CancellationToken ct, string? jobs = null, string metric = JobQueries.DefaultComparedMetric, string format = "json")
    {
        var errors = new Dictionary<string, string[]>();
        var parts = (jobs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = parts.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).ToList();
        if (ids.Count is < 1 or > 20 || ids.Contains(Guid.Empty)) errors["jobs"] = ["must list 1 to 20 job ids, comma-separated"];
        else if (ids.Distinct().Count() != ids.Count) errors["jobs"] = ["must not repeat a job"];
        if (!JobQueries.ComparableMetrics.Contains(metric)) errors["metric"] = [$"must be one of {string.Join(", ", JobQueries.ComparableMetrics)}"];
        if (format is not ("json" or "png" or "svg")) errors["format"] = ["must be json, png or svg"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (comparison, missing) = await queries.CompareAsync(ids, metric, ct);
        if (comparison is null) return JobsEndpoints.JobNotFound(missing!.Value);
        if (format == "json") return TypedResults.Ok(comparison);
        var labels = LegendLabels.For(comparison.Jobs.Select(j => (j.Id, j.Name)).ToList());
        var runs = comparison.Jobs.Select((job, i) =>
        {
            var points = comparison.Epochs.Where(r => r.Values[i] is not null).ToList();
            return (labels[i], points.Select(r => (double)r.Epoch).ToArray(), points.Select(r => r.Values[i]!.Value).ToArray());
        }).ToList();
        PlotRendering.TryParse(format, out var parsed);
        return PlotsEndpoints.File(PlotRendering.Render(FunctionPlots.Overlay(metric, runs), parsed));
    }
}
