using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

/// <summary>Gathering the epoch once is a speed-up only: every batch must hold the rows a per-batch gather would.</summary>
public sealed class EpochBatchesTests
{
    [Fact]
    public void GatheredOnce_AndGatheredPerBatch_GiveTheSameBatches()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var data = new TensorPair(randn([23, 3, 2], generator: generator), randn([23, 1], generator: generator));
        var order = randperm(23, generator: generator);
        using var once = new EpochBatches(data, order);
        using var perBatch = new EpochBatches(data, order, maxGatheredBytes: 0);
        for (int start = 0; start < 23; start += 5)
        {
            int rows = Math.Min(5, 23 - start);
            var (x1, y1) = once.Take(start, rows);
            var (x2, y2) = perBatch.Take(start, rows);
            // The rows a per-batch gather picks, written out: order[start..start+rows) of the split.
            var expected = order.narrow(0, start, rows).data<long>().ToArray();
            for (int i = 0; i < rows; i++)
            {
                Assert.True(x1[i].eq(data.X[expected[i]]).all().item<bool>(), $"gathered-once batch at {start}, row {i}");
                Assert.True(x2[i].eq(data.X[expected[i]]).all().item<bool>(), $"per-batch batch at {start}, row {i}");
                Assert.Equal(data.Y[expected[i], 0].item<float>(), y1[i, 0].item<float>());
                Assert.Equal(data.Y[expected[i], 0].item<float>(), y2[i, 0].item<float>());
            }
        }
    }
}
