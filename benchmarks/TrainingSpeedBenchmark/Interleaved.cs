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
    /// <summary>
    /// Medians of each side's ms/step, the median of the per-round ratios (bare ÷ service of the same
    /// round), which drifting load disturbs least, and the same ratio of thread CPU time, which load disturbs less still.
    /// </summary>
    public static (double BareMs, double ServiceMs, double Speed, double CpuSpeed) Run(Workload workload, int rounds)
    {
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(workload.Spec.Dataset), workload.Spec.Training);
        using var bare = new BareLoop(workload, data.Train);
        using var session = TrainingSession.Start(workload.Spec, data);
        var observer = new Observer(bare, rounds + 2);
        try { session.Run(observer, observer.Stop.Token); }
        catch (OperationCanceledException) { }
        // The first two epochs of each warm up (JIT, allocator growth).
        var ratios = observer.Bare.Zip(observer.Service, (bare, service) => bare / service).Skip(2);
        var cpuRatios = observer.BareCpu.Zip(observer.ServiceCpu, (bare, service) => bare / service).Skip(2);
        return (Median(observer.Bare.Skip(2)), Median(observer.Service.Skip(2)), Median(ratios), Median(cpuRatios));
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
        public List<double> BareCpu { get; } = [];
        public List<double> ServiceCpu { get; } = [];
        public CancellationTokenSource Stop { get; } = new();
        double cpuMark = ThreadCpuClock.Milliseconds;

        public void OnStep(StepMetrics metrics) => steps.Writer.TryWrite(metrics);

        public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
        {
            double serviceCpu = ThreadCpuClock.Milliseconds - cpuMark;
            while (steps.Reader.TryRead(out _)) { }
            Service.Add(metrics.Seconds * 1000 / bare.StepsPerEpoch);
            ServiceCpu.Add(serviceCpu / bare.StepsPerEpoch);
            double bareStart = ThreadCpuClock.Milliseconds;
            Bare.Add(bare.Epoch());
            cpuMark = ThreadCpuClock.Milliseconds;
            BareCpu.Add((cpuMark - bareStart) / bare.StepsPerEpoch);
            if (Service.Count == epochs) Stop.Cancel();
        }
    }
}
