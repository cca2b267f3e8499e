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
public sealed class MetricsWriter : ITrainingObserver
{
    readonly Channel<MetricRow[]> channel = Channel.CreateUnbounded<MetricRow[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
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

    /// <summary>The held-out test measurement, stored with the final checkpoint.</summary>
    public TestMetrics? Test { get; private set; }

    public void OnTestEnd(TestMetrics metrics) => Test = metrics;

    public void OnStep(StepMetrics metrics) => channel.Writer.TryWrite(StepMetricSeries.ToRows(jobId, metrics).ToArray());

    public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
    {
        Last = metrics;
        channel.Writer.TryWrite(EpochMetricSeries.ToRows(jobId, metrics).ToArray());
    }

    /// <summary>Stops accepting metrics and waits until every one is in the database.</summary>
    public Task CompleteAsync()
    {
        channel.Writer.TryComplete();
        return consumer;
    }

    const int MaxBatchRows = 30_000;

    async Task ConsumeAsync()
    {
        var batch = new List<MetricRow>();
        while (await channel.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatchRows && channel.Reader.TryRead(out var rows)) batch.AddRange(rows);
            await using var db = await dbFactory.CreateDbContextAsync();
            db.Metrics.AddRange(batch);
            await db.SaveChangesAsync();
        }
    }
}
