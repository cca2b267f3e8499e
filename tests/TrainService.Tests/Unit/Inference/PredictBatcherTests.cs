using TrainService.Contracts.Responses;
using TrainService.Jobs.Inference;

namespace TrainService.Tests.Unit.Inference;

/// <summary>
/// The batcher's rules, with a forward pass that doubles each row, records the batches it was
/// given, and (when the test holds <see cref="busy"/>) stays running until released.
/// </summary>
public sealed class PredictBatcherTests
{
    readonly List<int> batchSizes = [];
    TaskCompletionSource? busy;

    async Task<PredictResponse> Forward(IReadOnlyList<double[]> rows)
    {
        lock (batchSizes) batchSizes.Add(rows.Count);
        if (busy is { } pass)
        {
            busy = null;
            await pass.Task;
        }
        return new PredictResponse(rows.Select(r => r.Select(v => v * 2).ToArray()).ToList(), rows.Select(r => (int)r[0]).ToList());
    }

    [Fact]
    public async Task ALoneRequest_RunsAtOnce_WithoutWaitingForTheWindow()
    {
        // An hour's window: had the lone request waited for company, the test would time out.
        var batcher = new PredictBatcher(Forward, TimeSpan.FromHours(1), maxRows: 100);
        var answer = await batcher.PredictAsync([[3.0]], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(6.0, answer.Outputs[0][0]);
        Assert.Equal([1], batchSizes);
        Assert.Equal(0, batcher.MergedBatches);
    }

    [Fact]
    public async Task RequestsArrivingDuringAPass_RunTogetherAsTheNext_AndEachGetsItsOwnRows()
    {
        var batcher = new PredictBatcher(Forward, TimeSpan.FromHours(1), maxRows: 100);
        busy = new TaskCompletionSource();
        var release = busy;
        var running = batcher.PredictAsync([[9.0]], CancellationToken.None);
        var first = batcher.PredictAsync([[1.0], [2.0]], CancellationToken.None);
        var second = batcher.PredictAsync([[3.0]], CancellationToken.None);
        var third = batcher.PredictAsync([[4.0], [5.0], [6.0]], CancellationToken.None);
        Assert.False(first.IsCompleted);
        release.SetResult();
        var answers = await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(30));
        await running;

        Assert.Equal([1, 6], batchSizes);
        Assert.Equal(1, batcher.MergedBatches);
        Assert.Equal([[2.0], [4.0]], answers[0].Outputs);
        Assert.Equal([[6.0]], answers[1].Outputs);
        Assert.Equal([[8.0], [10.0], [12.0]], answers[2].Outputs);
        Assert.Equal([4, 5, 6], answers[2].Classes!);
    }

    [Fact]
    public async Task TheWindow_BoundsTheWaitForAPassThatDoesNotEnd()
    {
        var batcher = new PredictBatcher(Forward, TimeSpan.FromMilliseconds(20), maxRows: 100);
        busy = new TaskCompletionSource(); // never released
        _ = batcher.PredictAsync([[9.0]], CancellationToken.None);
        var answer = await batcher.PredictAsync([[1.0]], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([[2.0]], answer.Outputs);
    }

    [Fact]
    public async Task ABatchRuns_OnceItHoldsMaxRows()
    {
        var batcher = new PredictBatcher(Forward, TimeSpan.FromHours(1), maxRows: 3);
        busy = new TaskCompletionSource(); // never released: only the row limit can start the batch
        _ = batcher.PredictAsync([[9.0]], CancellationToken.None);
        var full = new[] { batcher.PredictAsync([[1.0], [2.0]], CancellationToken.None), batcher.PredictAsync([[3.0]], CancellationToken.None) };
        await Task.WhenAll(full).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([1, 3], batchSizes);
    }
}
