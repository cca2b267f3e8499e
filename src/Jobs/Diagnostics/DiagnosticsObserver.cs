using System.Diagnostics;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;
using TrainService.Models.Diagnostics;
using TrainService.Models.Training;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Diagnostics;

/// <summary>
/// Per-layer diagnostics (when the spec asks for them), pathology events, and the run figures the
/// results summary needs. Everything leaves the training thread through the metrics writer.
/// </summary>
internal sealed class DiagnosticsObserver : ITrainingObserver, IDisposable
{
    readonly Guid jobId;
    readonly TrainingSession session;
    readonly MetricsWriter writer;
    readonly LayerDiagnostics? layers;
    readonly PathologyDetector? detector;
    readonly IReadOnlyList<SpecWarning> warnings;

    public DiagnosticsObserver(Guid jobId, TrainingSession session, MetricsWriter writer)
    {
        this.jobId = jobId;
        this.session = session;
        this.writer = writer;
        warnings = SpecWarnings.Find(session.Spec);
        int firstStep = checked((int)session.Progress.GlobalStep + 1);
        writer.Write([DiagnosticSeries.TrainRowsRow(jobId, firstStep, session.TrainRows)]);
        if (session.Spec.Diagnostics is { } spec)
        {
            detector = new PathologyDetector(spec);
            layers = LayerDiagnostics.Attach(session, spec, OnSample);
            writer.Write(DiagnosticSeries.LayerRows(jobId, firstStep, layers.Layers));
        }
    }

    void OnSample(DiagnosticSample sample)
    {
        var events = detector!.Inspect(sample).Select(e => DiagnosticSeries.ToRow(jobId, Linked(e))).ToArray();
        writer.Write(DiagnosticSeries.ToRows(jobId, sample), events);
    }

    public void OnStep(StepMetrics metrics) => layers?.OnStep(metrics);

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        layers?.OnEpochEnd(session.Progress.GlobalStep, session.Progress.Epoch);
        lastEpoch = metrics.Epoch;
        if (peakWrittenFor == 0 || Stopwatch.GetElapsedTime(peakWrittenAt) >= PeakMemoryEvery) RecordPeakMemory();
    }

    /// <summary>
    /// How often the process's peak memory is read. Reading it opens and parses /proc files (~0.8 ms of
    /// CPU): once per epoch that was a sixth of a small job's CPU on its training thread (README, "Many
    /// small jobs at once"). The results only need the maximum, which the run's last reading holds.
    /// </summary>
    static readonly TimeSpan PeakMemoryEvery = TimeSpan.FromSeconds(1);
    int lastEpoch, peakWrittenFor;
    long peakWrittenAt;

    /// <summary>Writes the peak memory at the last epoch this run ended, unless already written for it; called when the run stops, however it stops.</summary>
    public void RecordPeakMemory()
    {
        if (lastEpoch == peakWrittenFor) return;
        using var process = Process.GetCurrentProcess();
        writer.Write([DiagnosticSeries.PeakMemoryRow(jobId, lastEpoch, process.PeakWorkingSet64)]);
        (peakWrittenFor, peakWrittenAt) = (lastEpoch, Stopwatch.GetTimestamp());
    }

    /// <summary>The step after the last completed one failed the divergence checks.</summary>
    public void OnDiverged(string reason)
    {
        var progress = session.Progress;
        var e = new PathologyEvent(PathologyKinds.Divergence, progress.Epoch, progress.GlobalStep + 1, null,
            new Dictionary<string, double> { ["lastGradNorm"] = progress.LastGradientNorm }, reason);
        writer.Write([], DiagnosticSeries.ToRow(jobId, Linked(e)));
    }

    /// <summary>Names the submission warning that predicted the event, so the user sees the cause beside the symptom.</summary>
    PathologyEvent Linked(PathologyEvent e) => SpecWarnings.Predicting(warnings, e.Kind) is { } w
        ? e with { Warning = w.Code, Message = $"{e.Message} (predicted at submission by warning {w.Code} at {w.Path})" }
        : e;

    public void Dispose() => layers?.Dispose();
}
