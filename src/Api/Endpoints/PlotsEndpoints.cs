using TrainService.Api.Access;
using TrainService.Contracts.Access;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Plots;
using TrainService.Models.Diagnostics;

namespace TrainService.Api.Endpoints;

public static class PlotsEndpoints
{
    public static IEndpointRouteBuilder MapPlotsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{id:guid}/plots/{kind}", JobPlot).WithTags("Plots").WithName("GetJobPlot")
            .WithSummary("A job's plot as PNG (default) or SVG: loss, accuracy, gradient-flow, activations or decision-boundary")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .RequireScope(Scope.Read);
        app.MapGet("/api/activations/{name}/plot", ActivationPlot).WithTags("Plots").WithName("GetActivationPlot")
            .WithSummary("An activation f and its derivative f' over [from, to], as PNG (default) or SVG")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .RequireScope(Scope.Read);
        return app;
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> JobPlot(
        Guid id, string kind, JobPlots plots, CancellationToken ct, string? format = null)
    {
        if (!PlotRendering.TryParse(format, out var parsed)) return FormatProblem();
        var (outcome, plot, problem) = await plots.DrawAsync(id, kind, ct);
        return outcome switch
        {
            PlotOutcome.Ok => File(PlotRendering.Render(plot!, parsed)),
            PlotOutcome.JobNotFound => JobsEndpoints.JobNotFound(id),
            PlotOutcome.UnknownKind => TypedResults.Problem(title: "Unknown plot kind", detail: problem, statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Problem(title: "Plot not available for this job", detail: problem, statusCode: StatusCodes.Status409Conflict),
        };
    }

    static Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem> ActivationPlot(
        string name, string? format = null, double from = -5, double to = 5, int points = 201)
    {
        if (!PlotRendering.TryParse(format, out var parsed)) return FormatProblem();
        var errors = new Dictionary<string, string[]>();
        if (!double.IsFinite(from) || !double.IsFinite(to) || from >= to) errors["from"] = ["must be finite and below `to`"];
        if (points is < 2 or > 10_000) errors["points"] = ["must be between 2 and 10000"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (ParseActivation(name) is not { } activation)
            return TypedResults.Problem(title: "Unknown activation", statusCode: StatusCodes.Status404NotFound,
                detail: $"'{name}' is not an activation; known: {string.Join(", ", Enum.GetValues<Activation>().Select(JsonName))}");
        var curve = ActivationCurve.Sample(activation, from, to, points);
        return File(PlotRendering.Render(FunctionPlots.Activation(JsonName(activation), curve), parsed));
    }

    /// <summary>By the name specs use (<c>leaky_relu</c>), so every activation the enum gains can be plotted.</summary>
    static Activation? ParseActivation(string name) =>
        Enum.GetValues<Activation>().Cast<Activation?>().FirstOrDefault(a => JsonName(a!.Value) == name);

    static string JsonName(Activation activation) => JsonSerializer.Serialize(activation, ContractJson.Options).Trim('"');

    internal static FileContentHttpResult File(RenderedPlot plot) => TypedResults.File(plot.Content, plot.ContentType);

    internal static ValidationProblem FormatProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be png or svg"] });
}
