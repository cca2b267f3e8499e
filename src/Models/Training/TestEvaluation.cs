using TrainService.Contracts.Responses;
using TrainService.Models.Data;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>Measures the trained model on the held-out test split, which training never saw.</summary>
public static class TestEvaluation
{
    public static TestMetrics Measure(nn.Module<Tensor, Tensor> model, LossFunction loss, InMemoryDataset test, ClassDecoding decoding, Device device)
    {
        using var testSet = TensorPair.From(test, device);
        var (testLoss, correct) = Trainer.Evaluate(model, loss, testSet, decoding);
        return new TestMetrics(test.Rows, testLoss!.Value, correct / test.Rows);
    }
}
