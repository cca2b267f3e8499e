using System.Diagnostics;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;
using TrainService.Models.Diagnostics;
using TrainService.Models.Training;

namespace TrainService.Jobs.Diagnostics;

/// <summary>
/// Per-layer diagnostics (when the spec asks for them), pathology events, and the run figures the
/// results summary needs. Everything leaves the training thread through the metrics writer.
/// </summary>
public sealed class DiagnosticsObserver : ITrainingObserver, IDisposable
{
    readonly Guid jobId;
    readonly TrainingSession session;
    readonly MetricsWriter writer;
    readonly LayerDiagnostics? layers;
    readonly PathologyDetector? detector;

    public DiagnosticsObserver(Guid jobId, TrainingSession session, MetricsWriter writer)
    {
        this.jobId = jobId;
        this.session = session;
        this.writer = writer;
        int firstStep = checked((int)session.Progress.GlobalStep + 1);
        writer.Write([new MetricRow { JobId = jobId, Name = DiagnosticSeries.TrainRows, Step = firstStep, Value = session.TrainRows }]);
        if (session.Spec.Diagnostics is { } spec)
        {
            detector = new PathologyDetector(spec);
            layers = LayerDiagnostics.Attach(session, spec, OnSample);
            writer.Write(layers.Layers.Select((name, i) => new MetricRow { JobId = jobId, Name = DiagnosticSeries.LayerPrefix + name, Step = firstStep, Value = i }).ToArray());
        }
    }

    void OnSample(DiagnosticSample sample)
    {
        var events = detector!.Inspect(sample).Select(e => DiagnosticSeries.ToRow(jobId, e)).ToArray();
        writer.Write(DiagnosticSeries.ToRows(jobId, sample), events);
    }

    public void OnStep(StepMetrics metrics) => layers?.OnStep(metrics);

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        layers?.OnEpochEnd(session.Progress.GlobalStep, session.Progress.Epoch);
        using var process = Process.GetCurrentProcess();
        writer.Write([new MetricRow { JobId = jobId, Name = DiagnosticSeries.PeakMemory, Step = metrics.Epoch, Value = process.PeakWorkingSet64 }]);
    }

    /// <summary>The step after the last completed one failed the divergence checks.</summary>
    public void OnDiverged(string reason)
    {
        var progress = session.Progress;
        var e = new PathologyEvent(PathologyKinds.Divergence, progress.Epoch, progress.GlobalStep + 1, null,
            new Dictionary<string, double> { ["lastGradNorm"] = progress.LastGradientNorm }, reason);
        writer.Write([], DiagnosticSeries.ToRow(jobId, e));
    }

    public void Dispose() => layers?.Dispose();
}
