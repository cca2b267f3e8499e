using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Diagnostics;
using TrainService.Models.Training;

namespace TrainService.Benchmarks;

/// <summary>
/// What diagnostics at every: 10 steps (or another interval) add to a step: one session, diagnostics attached on odd
/// epochs and detached on even ones (as a job would run them, samples leaving through a channel and
/// a pathology detector reading them), and the median of each pair's CPU-time ratio.
/// </summary>
static class DiagnosticsOverhead
{
    public static double Run(Workload workload, int rounds, int every = 10)
    {
        var spec = new DiagnosticsSpec { Every = every };
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(workload.Spec.Dataset), workload.Spec.Training);
        using var session = TrainingSession.Start(workload.Spec with { Diagnostics = spec }, data);
        var observer = new Observer(session, spec, 2 * (rounds + 2));
        try { session.Run(observer, observer.Stop.Token); }
        catch (OperationCanceledException) { }
        finally { observer.Dispose(); }
        // Pairs (off, on) of adjacent epochs, the first two pairs warming up.
        var ratios = Enumerable.Range(2, rounds).Select(i => observer.CpuPerEpoch[2 * i + 1] / observer.CpuPerEpoch[2 * i]).Order().ToArray();
        return ratios[ratios.Length / 2] - 1;
    }

    sealed class Observer(TrainingSession session, DiagnosticsSpec spec, int epochs) : ITrainingObserver, IDisposable
    {
        readonly System.Threading.Channels.Channel<DiagnosticSample> samples = System.Threading.Channels.Channel.CreateUnbounded<DiagnosticSample>();
        readonly PathologyDetector detector = new(spec);
        LayerDiagnostics? diagnostics;
        double mark = ThreadCpuClock.Milliseconds;
        public List<double> CpuPerEpoch { get; } = [];
        public CancellationTokenSource Stop { get; } = new();

        public void OnStep(StepMetrics metrics) => diagnostics?.OnStep(metrics);

        public void OnEpochEnd(EpochMetrics metrics, TrainingSession _)
        {
            CpuPerEpoch.Add(ThreadCpuClock.Milliseconds - mark);
            while (samples.Reader.TryRead(out var sample)) detector.Inspect(sample).ToList();
            diagnostics?.Dispose();
            // Odd epochs (1-based: 2, 4, …) run with diagnostics, attached at the boundary as a resumed job would attach them.
            diagnostics = CpuPerEpoch.Count % 2 == 1 ? LayerDiagnostics.Attach(session, spec, s => samples.Writer.TryWrite(s)) : null;
            if (CpuPerEpoch.Count == epochs) Stop.Cancel();
            mark = ThreadCpuClock.Milliseconds;
        }

        public void Dispose() => diagnostics?.Dispose();
    }
}
