using System.Collections.Concurrent;
using Prometheus;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Monitoring;

namespace TrainService.Jobs.Suites;

/// <summary>
/// trainservice_suite_regressions{suite, size, kind}: arms marked in the newest finished run of each
/// suite and size, so an alert can fire on a nightly regression nobody has read yet. Set when a run
/// is read or when its watch job sees it finish; an older run read later never overwrites a newer one.
/// </summary>
public sealed class SuiteMetrics
{
    readonly Gauge regressions;
    readonly ConcurrentDictionary<(string Suite, string Size), DateTimeOffset> shown = new();

    public SuiteMetrics(ServiceMetrics metrics) =>
        regressions = Metrics.WithCustomRegistry(metrics.Registry).CreateGauge("trainservice_suite_regressions",
            "Arms marked as regressions in the newest finished run of a suite at a size, by kind (quality, speed).", "suite", "size", "kind");

    public void Record(SuiteRunResponse run)
    {
        if (run.Status is JobStatus.Queued or JobStatus.Running || run.Error is not null) return;
        var key = (run.Suite, run.Size);
        lock (shown)
        {
            if (shown.TryGetValue(key, out var newest) && newest > run.CreatedAt) return;
            shown[key] = run.CreatedAt;
            foreach (var kind in new[] { "quality", "speed" })
                regressions.WithLabels(run.Suite, run.Size, kind).Set(run.Regressions.Count(r => r.Kind == kind));
        }
    }
}
