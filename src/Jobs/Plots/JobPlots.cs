using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScottPlot;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Jobs.Diagnostics;
using TrainService.Jobs.Inference;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Data;

namespace TrainService.Jobs.Plots;

/// <summary>The plot kinds of a job.</summary>
public static class JobPlotKinds
{
    public const string Loss = "loss", Accuracy = "accuracy", GradientFlow = "gradient-flow", Activations = "activations", DecisionBoundary = "decision-boundary";
    public static readonly string[] All = [Loss, Accuracy, GradientFlow, Activations, DecisionBoundary];
}

/// <summary>Why a job plot could not be drawn.</summary>
public enum PlotOutcome { Ok, JobNotFound, UnknownKind, NotApplicable }

/// <summary>Draws a job's plots from its stored metrics (and, for the decision boundary, its final model).</summary>
public sealed class JobPlots
{
    readonly TrainDbContext db;
    readonly PredictorCache predictors;
    readonly IUploadedDatasets uploads;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal JobPlots(TrainDbContext db, PredictorCache predictors, IUploadedDatasets uploads)
    {
        this.db = db;
        this.predictors = predictors;
        this.uploads = uploads;
    }

    public async Task<(PlotOutcome Outcome, Figure? Plot, string? Problem)> DrawAsync(Guid jobId, string kind, CancellationToken ct)
    {
        if (!JobPlotKinds.All.Contains(kind)) return (PlotOutcome.UnknownKind, null, $"kind must be one of {string.Join(", ", JobPlotKinds.All)}");
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return (PlotOutcome.JobNotFound, null, null);
        string title = $"{job.Name} ({job.Status.ToString().ToLowerInvariant()})";
        switch (kind)
        {
            case JobPlotKinds.Loss or JobPlotKinds.Accuracy:
                var rows = await EpochMetricSeries.Query(db, jobId).ToListAsync(ct);
                var epochs = EpochMetricSeries.FromRows(rows);
                return (PlotOutcome.Ok, kind == JobPlotKinds.Loss ? CurvePlots.Loss(title, LossKind(job.SpecJson), epochs) : CurvePlots.Accuracy(title, epochs), null);
            case JobPlotKinds.GradientFlow or JobPlotKinds.Activations:
                var diagnostics = (await DiagnosticsReader.ReadAsync(db, jobId, ct))!;
                if (diagnostics.Series.Count == 0)
                    return (PlotOutcome.NotApplicable, null, "the job recorded no diagnostics; set `diagnostics` in its spec");
                return (PlotOutcome.Ok, kind == JobPlotKinds.GradientFlow ? GradientFlowPlot.Draw(title, diagnostics) : ActivationStatsPlot.Draw(title, diagnostics), null);
            default:
                var spec = JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
                return await DecisionBoundaryAsync(jobId, title, spec, ct);
        }
    }

    /// <summary>The stored spec's <c>loss.kind</c>; the stored spec always carries its discriminators.</summary>
    static string LossKind(string specJson)
    {
        using var spec = JsonDocument.Parse(specJson);
        return spec.RootElement.TryGetProperty("loss", out var loss) && loss.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "loss" : "loss";
    }

    async Task<(PlotOutcome, Figure?, string?)> DecisionBoundaryAsync(Guid jobId, string title, TrainingSpec spec, CancellationToken ct)
    {
        var data = DatasetCatalog.Load(spec.Dataset, uploads);
        if (data.FeatureSize != 2 || data.Shape.Task == TaskKind.Regression)
            return (PlotOutcome.NotApplicable, null, "a decision boundary needs a classifier with 2 input features");
        var grid = DecisionBoundaryPlot.Grid(data);
        var predicted = await predictors.PredictAsync(jobId, CheckpointNames.Final, new PredictRequest(grid.Inputs), ct);
        if (predicted.Outcome != PredictOutcome.Ok) return (PlotOutcome.NotApplicable, null, "the job has no final model yet");
        return (PlotOutcome.Ok, DecisionBoundaryPlot.Draw(title, data, grid, predicted.Response!), null);
    }
}
