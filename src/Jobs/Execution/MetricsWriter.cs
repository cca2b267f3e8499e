using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Models.Training;

namespace TrainService.Jobs.Execution;

/// <summary>
/// Takes metrics off the training thread through a channel and writes them in batches, so a
/// slow database never stalls a training step.
/// </summary>
internal sealed class MetricsWriter : ITrainingObserver
{
    readonly Channel<(MetricRow[] Rows, PathologyEventRow[] Events, TaskCompletionSource? Barrier)> channel =
        Channel.CreateUnbounded<(MetricRow[], PathologyEventRow[], TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    readonly Guid jobId;
    readonly IDbContextFactory<TrainDbContext> dbFactory;
    readonly Task consumer;

    public MetricsWriter(Guid jobId, IDbContextFactory<TrainDbContext> dbFactory)
    {
        this.jobId = jobId;
        this.dbFactory = dbFactory;
        consumer = Task.Run(ConsumeAsync);
    }

    public EpochMetrics? Last { get; private set; }

    public void OnStep(StepMetrics metrics) => Write(StepMetricSeries.ToRows(jobId, metrics).ToArray());

    /// <summary>Queues rows (and pathology events) from any observer on the training thread.</summary>
    public void Write(MetricRow[] rows, params PathologyEventRow[] events) => channel.Writer.TryWrite((rows, events, null));

    /// <summary>
    /// Blocks the training thread until everything queued so far is in the database. Called before a
    /// checkpoint is written: a run resumed from that checkpoint rewrites only what comes after it, so
    /// every point before it must already be stored.
    /// </summary>
    public void Flush()
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Writer.TryWrite(([], [], barrier));
        wake.TrySetResult();
        Task.WhenAny(barrier.Task, consumer).GetAwaiter().GetResult();
        if (!barrier.Task.IsCompleted) consumer.GetAwaiter().GetResult(); // the writer failed: surface why
    }

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        Last = metrics;
        Write(EpochMetricSeries.ToRows(jobId, metrics).ToArray());
    }

    /// <summary>Stops accepting metrics and waits until every one is in the database.</summary>
    public Task CompleteAsync()
    {
        channel.Writer.TryComplete();
        wake.TrySetResult();
        return consumer;
    }

    const int MaxBatchRows = 30_000;

    /// <summary>
    /// How long the writer lets rows gather before a commit. Without it the writer keeps up with a
    /// small model and commits every step's few rows on their own: measured on the concurrency
    /// benchmark's MLP, that cost more CPU on the thread pool than the training thread spent
    /// training, CPU that 2 workers on 2 cores then take from each other (README, "Many small jobs at once").
    /// </summary>
    static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    // Set by Flush and CompleteAsync: someone waits for the rows, so the linger ends at once. Renewed after each use;
    // a race with the renewal costs at most one linger, never a lost wake-up of a waiting barrier.
    TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task ConsumeAsync()
    {
        var batch = new List<MetricRow>();
        var events = new List<PathologyEventRow>();
        var barriers = new List<TaskCompletionSource>();
        while (await channel.Reader.WaitToReadAsync())
        {
            var signal = wake;
            await Task.WhenAny(Task.Delay(Linger), signal.Task);
            if (signal.Task.IsCompleted)
                Interlocked.CompareExchange(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            batch.Clear();
            events.Clear();
            barriers.Clear();
            while (batch.Count < MaxBatchRows && channel.Reader.TryRead(out var item))
            {
                batch.AddRange(item.Rows);
                events.AddRange(item.Events);
                if (item.Barrier is not null) barriers.Add(item.Barrier);
            }
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await db.Database.OpenConnectionAsync();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await RowInserts.InsertAsync(db, batch, CancellationToken.None);
                await RowInserts.InsertAsync(db, events, CancellationToken.None);
                await transaction.CommitAsync();
            }
            foreach (var barrier in barriers) barrier.SetResult();
        }
    }
}
