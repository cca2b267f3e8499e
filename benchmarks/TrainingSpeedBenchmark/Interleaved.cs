using TrainService.Contracts.Responses;
using TrainService.Models.Data;
using TrainService.Models.Training;

namespace TrainService.Benchmarks;

/// <summary>
/// Runs the service's session epoch after epoch and, at every epoch end, one bare epoch, so drift
/// in machine load falls on both alike. The service's figure is the epoch's own seconds (as the
/// job reports them) ÷ steps, the measure.
/// </summary>
static class Interleaved
{
    /// <summary>Medians of each side's ms/step, and the median of the per-round ratios (bare ÷ service of the same round), which drifting load disturbs least.</summary>
    public static (double BareMs, double ServiceMs, double Speed) Run(Workload workload, int rounds)
    {
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(workload.Spec.Dataset), workload.Spec.Training);
        using var bare = new BareLoop(workload, data.Train);
        using var session = TrainingSession.Start(workload.Spec, data);
        var observer = new Observer(bare, rounds + 2);
        try { session.Run(observer, observer.Stop.Token); }
        catch (OperationCanceledException) { }
        // The first two epochs of each warm up (JIT, allocator growth).
        var ratios = observer.Bare.Zip(observer.Service, (bare, service) => bare / service).Skip(2);
        return (Median(observer.Bare.Skip(2)), Median(observer.Service.Skip(2)), Median(ratios));
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Per-step metrics on: every step's figures leave the training thread through a channel, as the job's metrics writer takes them.</summary>
    sealed class Observer(BareLoop bare, int epochs) : ITrainingObserver
    {
        readonly System.Threading.Channels.Channel<StepMetrics> steps = System.Threading.Channels.Channel.CreateUnbounded<StepMetrics>();
        public List<double> Bare { get; } = [];
        public List<double> Service { get; } = [];
        public CancellationTokenSource Stop { get; } = new();

        public void OnStep(StepMetrics metrics) => steps.Writer.TryWrite(metrics);

        public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
        {
            while (steps.Reader.TryRead(out _)) { }
            Service.Add(metrics.Seconds * 1000 / bare.StepsPerEpoch);
            Bare.Add(bare.Epoch());
            if (Service.Count == epochs) Stop.Cancel();
        }
    }
}
