using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Monitoring;

/// <summary>
/// The numbers operators scrape at /metrics, in a registry of this host's own (two hosts in one
/// process, as in tests, never mix counts). Labels stay low-cardinality: status, queue, outcome,
/// worker — never a job id or a spec field. Gauges that describe the whole service (jobs by
/// status, live workers) are read from the database and Hangfire when scraped.
/// </summary>
public sealed class ServiceMetrics
{
    // 5 ms … ~2.9 h. histogram_quantile never reports more than the largest finite bucket, so a
    // queue-wait alert's threshold (the README's is 5 min) must lie well inside the range.
    internal static readonly double[] QueueWaitBuckets = Histogram.ExponentialBuckets(0.005, 2, 22);
    static readonly double[] LongSecondsBuckets = Histogram.ExponentialBuckets(0.1, 2, 18); // 0.1 s … ~3.6 h
    static readonly double[] PredictBuckets = Histogram.ExponentialBuckets(0.0002, 2, 14); // 0.2 ms … 1.6 s

    readonly IServiceProvider services;
    readonly Gauge jobs, workers, capacity;

    public ServiceMetrics(IServiceProvider services, IOptions<TrainServiceOptions> options)
    {
        this.services = services;
        Registry = Metrics.NewCustomRegistry();
        var metrics = Metrics.WithCustomRegistry(Registry);
        Worker = $"{Environment.MachineName}:{Environment.ProcessId}";
        jobs = metrics.CreateGauge("trainservice_jobs", "Jobs by status and queue, as stored.", "status", "queue");
        workers = metrics.CreateGauge("trainservice_live_workers", "Live training processes (a heartbeat within WorkerLostAfter), and the jobs they train at once.", "kind");
        capacity = metrics.CreateGauge("trainservice_worker_capacity", "Concurrent training jobs this process takes.", "worker");
        capacity.WithLabels(Worker).Set(options.Value.TrainingWorkers);
        QueueWait = metrics.CreateHistogram("trainservice_job_queue_wait_seconds", "Submit to first start of a job.",
            new HistogramConfiguration { Buckets = QueueWaitBuckets, LabelNames = ["queue"] });
        JobDuration = metrics.CreateHistogram("trainservice_job_duration_seconds", "Start to final state of a job, by outcome.",
            new HistogramConfiguration { Buckets = LongSecondsBuckets, LabelNames = ["outcome"] });
        TrainingSteps = metrics.CreateCounter("trainservice_training_steps_total", "Optimizer steps taken; rate() is steps/s.", "worker");
        TrainingSamples = metrics.CreateCounter("trainservice_training_samples_total", "Training examples seen (an epoch counts its training rows); rate() is samples/s.", "worker");
        PredictLatency = metrics.CreateHistogram("trainservice_predict_duration_seconds", "Predict requests, model lookup to outputs.",
            new HistogramConfiguration { Buckets = PredictBuckets });
        PredictorCache = metrics.CreateCounter("trainservice_predictor_cache_total", "Predict model lookups by result.", "result");
        PredictBatchesMerged = metrics.CreateCounter("trainservice_predict_batches_merged_total", "Forward passes that answered several concurrent predict requests (micro-batching).");
        TransientResumes = metrics.CreateCounter("trainservice_transient_failures_resumed_total", "Transient libtorch failures a job resumed from its newest checkpoint.");
        Registry.AddBeforeCollectCallback(ReadServiceStateAsync);
    }

    public CollectorRegistry Registry { get; }
    public string Worker { get; }
    public Histogram QueueWait { get; }
    public Histogram JobDuration { get; }
    public Counter TrainingSteps { get; }
    public Counter TrainingSamples { get; }
    public Histogram PredictLatency { get; }
    public Counter PredictorCache { get; }
    public Counter PredictBatchesMerged { get; }
    public Counter TransientResumes { get; }

    async Task ReadServiceStateAsync(CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TrainDbContext>>().CreateDbContextAsync(ct);
        // Every owner's: the scrape is anonymous, and the gauge is the server's.
        var counts = await db.Jobs.IgnoreQueryFilters().GroupBy(j => j.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var status in Enum.GetValues<JobStatus>())
            jobs.WithLabels(status.ToString().ToLowerInvariant(), TrainingJob.Queue).Set(counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0);
        // The worker registry, not Hangfire's server list: a killed worker drops out once its heartbeat is
        // WorkerLostAfter old, where Hangfire keeps listing it for its 5-minute server timeout.
        var since = services.GetRequiredService<TimeProvider>().GetUtcNow() - services.GetRequiredService<IOptions<TrainServiceOptions>>().Value.WorkerLostAfter;
        var capacities = await db.Workers.Where(w => w.HeartbeatAt > since).Select(w => w.Capacity).ToListAsync(ct);
        workers.WithLabels("servers").Set(capacities.Count);
        workers.WithLabels("threads").Set(capacities.Sum());
    }
}

/// <summary>Counts steps and samples of every run for <see cref="ServiceMetrics"/>; Inc is lock-free, cheap on the training thread.</summary>
sealed class TrainingThroughputObserver(ServiceMetrics metrics) : ITrainingObserverFactory
{
    public Models.Training.ITrainingObserver Create(Guid jobId) => new Observer(metrics.TrainingSteps.WithLabels(metrics.Worker), metrics.TrainingSamples.WithLabels(metrics.Worker));

    sealed class Observer(Counter.Child steps, Counter.Child samples) : Models.Training.ITrainingObserver
    {
        public void OnStep(Models.Training.StepMetrics metrics) => steps.Inc();

        public void OnEpochEnd(EpochMetrics metrics, Models.Training.TrainingSession session) => samples.Inc(session.TrainRows);
    }
}
