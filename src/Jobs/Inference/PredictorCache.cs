using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using Prometheus;
using TrainService.Jobs.Monitoring;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Inference;

namespace TrainService.Jobs.Inference;

/// <summary>Why a predict request could not be served.</summary>
public enum PredictOutcome { Ok, JobNotFound, NoCheckpoint, BadInput }

/// <summary>A prediction, or why there is none (with the JSON path of a bad input row).</summary>
public sealed record PredictResult(PredictOutcome Outcome, PredictResponse? Response = null, string? Path = null, string? Problem = null);

/// <summary>
/// Keeps recently used trained models loaded, keyed by (job, checkpoint). Least recently used
/// models are disposed when the cache is full, but only once no request still holds them.
/// A gate sized to the cores bounds concurrent forward passes.
/// </summary>
public sealed class PredictorCache : IDisposable
{
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly CheckpointStore checkpoints;
    readonly IArtifactStore artifacts;
    readonly IOptions<TrainServiceOptions> options;

    // Internal: its dependencies are Jobs' own persistence; JobsServiceCollectionExtensions builds it.
    internal PredictorCache(
        IDbContextFactory<TrainDbContext> dbFactory,
        CheckpointStore checkpoints,
        IArtifactStore artifacts,
        IOptions<TrainServiceOptions> options,
        ServiceMetrics metrics)
    {
        this.metrics = metrics;
        this.dbFactory = dbFactory;
        this.checkpoints = checkpoints;
        this.artifacts = artifacts;
        this.options = options;
    }

    readonly Lock sync = new();
    readonly LinkedList<Entry> recent = new();
    // Keyed by the resolved checkpoint (name and step), so "latest" and a rewritten "best" never serve stale weights.
    readonly Dictionary<(Guid, string, long), LinkedListNode<Entry>> index = new();
    readonly SemaphoreSlim gate = new(Environment.ProcessorCount);
    readonly ServiceMetrics metrics;

    public async Task<PredictResult> PredictAsync(Guid jobId, string checkpoint, PredictRequest request, CancellationToken ct)
    {
        using var timer = metrics.PredictLatency.NewTimer();
        var entry = await LeaseAsync(jobId, checkpoint, ct);
        if (entry.Outcome != PredictOutcome.Ok) return new PredictResult(entry.Outcome, Problem: entry.Problem);
        try
        {
            var predictor = entry.Entry!.Predictor;
            for (int i = 0; i < request.Inputs.Count; i++)
                if (request.Inputs[i] is null || request.Inputs[i].Length != predictor.InputSize)
                    return new PredictResult(PredictOutcome.BadInput, Path: $"$.inputs[{i}]", Problem: $"expected {predictor.InputSize} values, got {request.Inputs[i]?.Length ?? 0}");
            if (entry.Entry.Batcher is { } batcher)
                return new PredictResult(PredictOutcome.Ok, await batcher.PredictAsync(request.Inputs, ct));
            return new PredictResult(PredictOutcome.Ok, await RunGatedAsync(() => predictor.Predict(request.Inputs), ct));
        }
        finally
        {
            Release(entry.Entry!);
        }
    }

    /// <summary>Forward passes that answered more than one request (micro-batching), over every model loaded so far.</summary>
    public long MergedPredictBatches => (long)metrics.PredictBatchesMerged.Value;

    async Task<PredictResponse> RunGatedAsync(Func<PredictResponse> forward, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            return forward();
        }
        finally
        {
            gate.Release();
        }
    }

    // Only a job still in progress may get the checkpoint later; for a finished one "yet" would be a false promise.
    static string MissingCheckpoint(Guid jobId, string checkpoint, JobStatus status) => status is JobStatus.Queued or JobStatus.Running
        ? $"Job {jobId} has no checkpoint named '{checkpoint}' yet: it is {status.ToString().ToLowerInvariant()}."
        : $"Job {jobId} has no checkpoint named '{checkpoint}' (job status: {status.ToString().ToLowerInvariant()}).";

    async Task<(PredictOutcome Outcome, Entry? Entry, string? Problem)> LeaseAsync(Guid jobId, string checkpoint, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return (PredictOutcome.JobNotFound, null, null);
        var row = await checkpoints.ResolveAsync(jobId, checkpoint, ct);
        if (row is null) return (PredictOutcome.NoCheckpoint, null, MissingCheckpoint(jobId, checkpoint, job.Status));
        var key = (jobId, row.Name, row.GlobalStep);
        lock (sync)
        {
            if (index.TryGetValue(key, out var node))
            {
                recent.Remove(node);
                recent.AddFirst(node);
                node.Value.Leases++;
                metrics.PredictorCache.WithLabels("hit").Inc();
                return (PredictOutcome.Ok, node.Value, null);
            }
        }
        metrics.PredictorCache.WithLabels("miss").Inc();
        var spec = JsonSerializer.Deserialize<TrainingSpec>(job.SpecJson, ContractJson.Options)!;
        var preprocessing = PreprocessingFile.Read(artifacts, jobId);
        Predictor predictor;
        using (var stream = checkpoints.OpenRead(row))
            predictor = Predictor.Load(spec, stream, preprocessing);
        return (PredictOutcome.Ok, Add(key, predictor), null);
    }

    Entry Add((Guid, string, long) key, Predictor predictor)
    {
        lock (sync)
        {
            if (index.TryGetValue(key, out var existing))
            {
                predictor.Dispose(); // another request loaded it first
                existing.Value.Leases++;
                return existing.Value;
            }
            var batching = options.Value.PredictBatching;
            var entry = new Entry(key, predictor)
            {
                Leases = 1,
                Batcher = batching.Enabled ? new PredictBatcher(rows => RunGatedAsync(() => predictor.Predict(rows), CancellationToken.None), batching.Window, batching.MaxRows, () => metrics.PredictBatchesMerged.Inc()) : null,
            };
            index[key] = recent.AddFirst(entry);
            while (recent.Count > options.Value.PredictorCacheSize)
            {
                var oldest = recent.Last!.Value;
                recent.RemoveLast();
                index.Remove(oldest.Key);
                oldest.Evicted = true;
                if (oldest.Leases == 0) oldest.Predictor.Dispose();
            }
            return entry;
        }
    }

    void Release(Entry entry)
    {
        lock (sync)
        {
            if (--entry.Leases == 0 && entry.Evicted) entry.Predictor.Dispose();
        }
    }

    public void Dispose()
    {
        lock (sync)
        {
            foreach (var entry in recent) entry.Predictor.Dispose();
            recent.Clear();
            index.Clear();
        }
        gate.Dispose();
    }

    sealed class Entry((Guid, string, long) key, Predictor predictor)
    {
        public (Guid, string, long) Key { get; } = key;
        public Predictor Predictor { get; } = predictor;
        public int Leases { get; set; }
        public bool Evicted { get; set; }
        public PredictBatcher? Batcher { get; init; }
    }
}
