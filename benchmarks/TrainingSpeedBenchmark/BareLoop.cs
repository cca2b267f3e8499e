using System.Diagnostics;
using TrainService.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Benchmarks;

/// <summary>
/// What a user would write by hand: a Sequential MLP, built-in Adam, cross-entropy on int64
/// labels, a fresh permutation per epoch and one index_select per batch, each step in a dispose scope.
/// </summary>
sealed class BareLoop : IDisposable
{
    readonly nn.Module<Tensor, Tensor> model;
    readonly optim.Optimizer optimizer;
    readonly Tensor x, y;
    readonly int batch;

    public BareLoop(Workload workload, InMemoryDataset data)
    {
        torch.random.manual_seed(1);
        model = nn.Sequential(
            nn.Linear(workload.Dimensions, workload.Hidden), nn.ReLU(),
            nn.Linear(workload.Hidden, workload.Hidden), nn.ReLU(),
            nn.Linear(workload.Hidden, 10));
        optimizer = optim.Adam(model.parameters(), lr: 0.001);
        x = tensor(data.Features, [data.Rows, workload.Dimensions]);
        y = tensor(data.Targets.Select(t => (long)t).ToArray(), [data.Rows]);
        batch = workload.Batch;
    }

    public int StepsPerEpoch => (int)((x.shape[0] + batch - 1) / batch);

    /// <summary>One epoch; returns milliseconds per step.</summary>
    public double Epoch()
    {
        var clock = Stopwatch.StartNew();
        model.train();
        using var order = randperm(x.shape[0]);
        for (long start = 0; start < x.shape[0]; start += batch)
        {
            using var scope = NewDisposeScope();
            var index = order.narrow(0, start, Math.Min(batch, x.shape[0] - start));
            var xb = x.index_select(0, index);
            var yb = y.index_select(0, index);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(xb), yb);
            loss.backward();
            optimizer.step();
        }
        return clock.Elapsed.TotalMilliseconds / StepsPerEpoch;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        x.Dispose();
        y.Dispose();
    }
}
