using TrainService.Contracts.Responses;
using TrainService.Jobs.Inference;

namespace TrainService.Tests.Unit.Inference;

/// <summary>The batcher's rules, with a forward pass that doubles each row and records the batches it was given.</summary>
public sealed class PredictBatcherTests
{
    readonly List<int> batchSizes = [];
    int coming; // requests "on their way": arrived at the service, not yet in a batch

    Task<PredictResponse> Forward(IReadOnlyList<double[]> rows)
    {
        lock (batchSizes) batchSizes.Add(rows.Count);
        return Task.FromResult(new PredictResponse(rows.Select(r => r.Select(v => v * 2).ToArray()).ToList(), rows.Select(r => (int)r[0]).ToList()));
    }

    PredictBatcher Batcher(TimeSpan window, int maxRows = 100) => new(Forward, window, maxRows, () => Volatile.Read(ref coming));

    Task<PredictResponse> Send(PredictBatcher batcher, double[][] rows)
    {
        Interlocked.Decrement(ref coming); // it joins: no longer on its way
        return batcher.PredictAsync(rows, CancellationToken.None);
    }

    [Fact]
    public async Task ALoneRequest_RunsAtOnce_WithoutWaitingForTheWindow()
    {
        // An hour's window: had the lone request waited for company, the test would time out.
        var batcher = Batcher(TimeSpan.FromHours(1));
        coming = 1;
        var answer = await Send(batcher, [[3.0]]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(6.0, answer.Outputs[0][0]);
        Assert.Equal([1], batchSizes);
        Assert.Equal(0, batcher.MergedBatches);
    }

    [Fact]
    public async Task RequestsOnTheirWay_RunAsOneForwardPass_AndEachGetsItsOwnRows()
    {
        var batcher = Batcher(TimeSpan.FromHours(1));
        coming = 3;
        var first = Send(batcher, [[1.0], [2.0]]);
        var second = Send(batcher, [[3.0]]);
        Assert.False(first.IsCompleted); // the third request is still on its way
        var third = Send(batcher, [[4.0], [5.0], [6.0]]);
        var answers = await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([6], batchSizes);
        Assert.Equal(1, batcher.MergedBatches);
        Assert.Equal([[2.0], [4.0]], answers[0].Outputs);
        Assert.Equal([[6.0]], answers[1].Outputs);
        Assert.Equal([[8.0], [10.0], [12.0]], answers[2].Outputs);
        Assert.Equal([4, 5, 6], answers[2].Classes!);
    }

    [Fact]
    public async Task ATurnedAwayRequest_ReleasesTheBatchThatWaitedForIt()
    {
        var batcher = Batcher(TimeSpan.FromHours(1));
        coming = 2;
        var waiting = Send(batcher, [[1.0]]);
        Assert.False(waiting.IsCompleted);
        Interlocked.Decrement(ref coming); // e.g. its input had the wrong width
        batcher.Recheck();
        Assert.Equal([[2.0]], (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Outputs);
    }

    [Fact]
    public async Task TheWindow_BoundsTheWaitForARequestThatNeverComes()
    {
        var batcher = Batcher(TimeSpan.FromMilliseconds(20));
        coming = 2; // one of them never arrives
        var answer = await Send(batcher, [[1.0]]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([[2.0]], answer.Outputs);
    }

    [Fact]
    public async Task ABatchRuns_OnceItHoldsMaxRows()
    {
        var batcher = Batcher(TimeSpan.FromHours(1), maxRows: 3);
        coming = 5;
        var full = new[] { Send(batcher, [[1.0], [2.0]]), Send(batcher, [[3.0]]) };
        await Task.WhenAll(full).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([3], batchSizes);
    }
}
