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

    public int EffectiveTorchThreads => TorchThreads ?? Math.Max(1, Environment.ProcessorCount / TrainingWorkers);
}
