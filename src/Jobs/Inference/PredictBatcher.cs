using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Inference;

/// <summary>
/// Micro-batching of concurrent predict requests for one loaded model: requests that arrive while
/// a forward pass of the model is running are collected, and run together as the next pass as soon
/// as it ends; each is answered with its own rows. A request that finds the model idle runs at once,
/// so batching never delays a lone request; a collected batch runs after at most the window even if
/// the pass it waits for is still going, or at once when it reaches the row limit.
/// </summary>
/// <param name="forward">Runs the model on some rows (the caller puts its concurrency gate around it).</param>
/// <param name="window">Longest a collected batch waits for the running pass.</param>
/// <param name="maxRows">A batch runs as soon as it holds this many rows; a request that would take it past them starts the next batch.</param>
/// <param name="onMerged">Called for each forward pass that answers several requests (the service's metrics count them).</param>
public sealed class PredictBatcher(Func<IReadOnlyList<double[]>, Task<PredictResponse>> forward, TimeSpan window, int maxRows, Action? onMerged = null)
{
    readonly Lock sync = new();
    Batch? open;
    int running;
    long merged;

    /// <summary>Forward passes that answered more than one request.</summary>
    public long MergedBatches => Interlocked.Read(ref merged);

    /// <summary>Joins (or opens) the batch being collected and returns this request's rows of its answer.</summary>
    public async Task<PredictResponse> PredictAsync(IReadOnlyList<double[]> rows, CancellationToken ct)
    {
        Batch batch;
        int index;
        lock (sync)
        {
            if (open is not null && open.Rows + rows.Count > maxRows) Close(open);
            batch = open ??= new Batch();
            index = batch.Requests.Count;
            batch.Requests.Add(rows);
            batch.Rows += rows.Count;
            // An idle model runs the request now; a busy one collects it for the pass after.
            if (running == 0 || batch.Rows >= maxRows) Close(batch);
        }
        if (index == 0)
        {
            using (var timeout = new CancellationTokenSource(window))
            using (timeout.Token.Register(() => { lock (sync) Close(batch); }))
                await batch.Closed.Task;
            // The batch's own run: one request's cancellation must not fail the others'.
            await RunAsync(batch);
        }
        var answers = await batch.Answers.Task.WaitAsync(ct);
        return answers[index];
    }

    /// <summary>Ends collection for the batch (it runs); called under the lock.</summary>
    void Close(Batch batch)
    {
        if (!batch.Closed.TrySetResult()) return;
        if (ReferenceEquals(open, batch)) open = null;
        running++;
    }

    async Task RunAsync(Batch batch)
    {
        try
        {
            await RunPassAsync(batch);
        }
        finally
        {
            lock (sync)
            {
                running--;
                // The requests collected meanwhile go next.
                if (running == 0 && open is not null) Close(open);
            }
        }
    }

    async Task RunPassAsync(Batch batch)
    {
        try
        {
            var requests = batch.Requests;
            if (requests.Count == 1)
            {
                batch.Answers.TrySetResult([await forward(requests[0])]);
                return;
            }
            Interlocked.Increment(ref merged);
            onMerged?.Invoke();
            var rows = requests.SelectMany(r => r).ToList();
            var response = await forward(rows);
            batch.Answers.TrySetResult(Split(response, requests));
        }
        catch (Exception e)
        {
            batch.Answers.TrySetException(e);
        }
    }

    static PredictResponse[] Split(PredictResponse response, List<IReadOnlyList<double[]>> requests)
    {
        var answers = new PredictResponse[requests.Count];
        int start = 0;
        for (int i = 0; i < requests.Count; i++)
        {
            int count = requests[i].Count;
            answers[i] = new PredictResponse(
                response.Outputs.Skip(start).Take(count).ToList(),
                response.Classes?.Skip(start).Take(count).ToList());
            start += count;
        }
        return answers;
    }

    sealed class Batch
    {
        public List<IReadOnlyList<double[]>> Requests { get; } = [];
        public int Rows { get; set; }
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<PredictResponse[]> Answers { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
