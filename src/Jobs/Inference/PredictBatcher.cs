using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Inference;

/// <summary>
/// Micro-batching of concurrent predict requests for one loaded model: requests that arrive
/// together run as one forward pass and each is answered with its own rows. The first request of
/// a batch leads it. It waits for company only while other requests for this model's job are on
/// their way (<paramref name="coming"/>: arrived, not yet in a batch), never longer than the window
/// and never past the row limit: a lone request runs at once, and no request waits more than
/// the window for others.
/// </summary>
/// <param name="forward">Runs the model on some rows (the caller puts its concurrency gate around it).</param>
/// <param name="window">Longest a batch's first request waits for others.</param>
/// <param name="maxRows">A batch runs as soon as it holds this many rows; a request that would take it past them starts the next batch.</param>
/// <param name="coming">Requests that may still join: arrived at the service and not yet in a batch nor turned away.</param>
public sealed class PredictBatcher(Func<IReadOnlyList<double[]>, Task<PredictResponse>> forward, TimeSpan window, int maxRows, Func<int> coming)
{
    readonly Lock sync = new();
    Batch? open;
    long merged;

    /// <summary>Forward passes that answered more than one request.</summary>
    public long MergedBatches => Interlocked.Read(ref merged);

    /// <summary>Runs the open batch if nothing is coming any more (a request it waited for was turned away).</summary>
    public void Recheck()
    {
        lock (sync)
            if (coming() == 0) CloseOpenBatch();
    }

    /// <summary>Joins (or opens) the current batch and returns this request's rows of its answer; the request no longer counts in <c>coming</c>.</summary>
    public async Task<PredictResponse> PredictAsync(IReadOnlyList<double[]> rows, CancellationToken ct)
    {
        Batch batch;
        int index;
        lock (sync)
        {
            if (open is not null && open.Rows + rows.Count > maxRows) CloseOpenBatch();
            batch = open ??= new Batch();
            index = batch.Requests.Count;
            batch.Requests.Add(rows);
            batch.Rows += rows.Count;
            if (coming() == 0 || batch.Rows >= maxRows) CloseOpenBatch();
        }
        if (index == 0)
        {
            using (var timeout = new CancellationTokenSource(window))
            using (timeout.Token.Register(() => { lock (sync) if (ReferenceEquals(open, batch)) CloseOpenBatch(); }))
                await batch.Closed.Task;
            // The batch's own run: one request's cancellation must not fail the others'.
            await RunAsync(batch);
        }
        var answers = await batch.Answers.Task.WaitAsync(ct);
        return answers[index];
    }

    void CloseOpenBatch()
    {
        open?.Closed.TrySetResult();
        open = null;
    }

    async Task RunAsync(Batch batch)
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
