using TrainService.Models.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Training;

public sealed class DeferredCorrectCountTests
{
    [Fact]
    public void Take_CountsEveryHandedOverBatch_AcrossTheBatchedCounts()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        using var counter = new DeferredCorrectCount(ClassDecoding.ArgMax);
        long expected = 0;
        int steps = DeferredCorrectCount.MaxPendingSteps * 2 + 5; // two batched counts and a remainder
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var output = randn([7, 4], generator: generator);
            var target = randint(0, 4, [7, 1], generator: generator).to(ScalarType.Float32);
            expected += ClassDecoder.Correct(output, target, ClassDecoding.ArgMax).item<long>();
            counter.Add(output, target);
        }

        Assert.Equal(expected, counter.Take());
        Assert.Equal(0, counter.Take());
    }
}
