using System.ComponentModel.DataAnnotations;

namespace TrainService.Jobs;

/// <summary>Bound from the "TrainService" configuration section and validated at start-up.</summary>
public sealed class TrainServiceOptions
{
    public const string Section = "TrainService";

    /// <summary>Folder holding the SQLite database and the artifact store.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Where job rows and the queue live: sqlite (SQLite file + in-memory queue, one process) or
    /// postgres (ConnectionStrings:TrainService, shared by every api and worker process).
    /// </summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>What this process does: all (serves the API and trains), api (serves and enqueues) or worker (trains; serves only health and metrics).</summary>
    public ServiceRole Role { get; set; } = ServiceRole.All;

    /// <summary>This worker's name, recorded on every job it trains. Default: host name and process id.</summary>
    [MaxLength(100)]
    public string? WorkerName { get; set; }

    /// <summary>The device this worker trains on: cpu (takes the "cpu" queue) or cuda (takes "gpu", then "cpu").</summary>
    public TrainService.Contracts.Specs.ComputeDevice Device { get; set; } = TrainService.Contracts.Specs.ComputeDevice.Cpu;

    /// <summary>
    /// How long a silent worker keeps its jobs: its job lease and, in postgres mode, the queue's sliding
    /// invisibility timeout. A killed worker's job is resumed elsewhere about this long after its last heartbeat.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan WorkerLostAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Postgres mode: a job still queued and never started this long after its submission, with no queue entry
    /// (its api process died between storing and enqueueing it), is enqueued by an api process. Checked every half of it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OrphanedJobAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Postgres mode: an idle worker wakes on LISTEN/NOTIFY; this is the fallback poll for a missed notification or a job handed back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Jobs trained at once by this process. Default: one per core.</summary>
    [Range(1, 256)]
    public int TrainingWorkers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>libtorch intra-op threads; default: cores shared among the workers so they never oversubscribe.</summary>
    [Range(1, 256)]
    public int? TorchThreads { get; set; }

    /// <summary>How often a running job looks for a cancel request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Trained models kept loaded for predict requests.</summary>
    [Range(1, 1024)]
    public int PredictorCacheSize { get; set; } = 16;

    /// <summary>Longest a job may train; a spec may ask for less (training.maxRuntimeSeconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxJobRuntime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Jobs allowed to wait in the queue; beyond it submissions get 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedJobs { get; set; } = 500;

    /// <summary>
    /// Largest request body accepted on any endpoint, in bytes (413 beyond it). Keep it above
    /// MaxDatasetBytes, which it also bounds for uploads.
    /// </summary>
    [Range(1_000, 2_000_000_000)]
    public long MaxRequestBodyBytes { get; set; } = 30_000_000;

    /// <summary>Largest dataset file accepted by POST /api/datasets, in bytes.</summary>
    [Range(1, 2_000_000_000)]
    public long MaxDatasetBytes { get; set; } = 20_000_000;

    /// <summary>Most columns an uploaded dataset may have.</summary>
    [Range(2, 100_000)]
    public int MaxDatasetColumns { get; set; } = 1_000;

    /// <summary>Micro-batching of concurrent predict requests for the same model (section TrainService:PredictBatching).</summary>
    public PredictBatchingOptions PredictBatching { get; set; } = new();

    public int EffectiveTorchThreads => TorchThreads ?? Math.Max(1, Environment.ProcessorCount / TrainingWorkers);
}

/// <summary>
/// Concurrent predict requests for the same model run as one forward pass: requests that arrive
/// while the model is busy are collected and run together as soon as it is free, after at most
/// <see cref="Window"/>, or at once when <see cref="MaxRows"/> rows are collected. A request that
/// finds the model idle is never held back.
/// </summary>
public sealed class PredictBatchingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Longest a collected batch waits for the pass before it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Rows at which a batch runs without waiting further.</summary>
    public int MaxRows { get; set; } = 256;

    /// <summary>Checked at start-up (data annotations don't reach into a nested section).</summary>
    public bool IsValid => Window >= TimeSpan.Zero && Window <= TimeSpan.FromSeconds(1) && MaxRows is >= 1 and <= 100_000;
}
