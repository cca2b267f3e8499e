using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Training;
using static TorchSharp.torch;

namespace TrainService.Tests.Unit.Checkpoints;

/// <summary>Checkpoints carry the seeded modules' generator states, so a resumed run with dropout retraces the uninterrupted one.</summary>
public sealed class SeededResumeTests
{
    sealed class CheckpointAt(int epoch, MemoryStream into) : ITrainingObserver
    {
        /// <summary>The epoch of the first step this run took: where it really began.</summary>
        public int? FirstEpoch { get; private set; }

        public void OnStep(StepMetrics metrics) => FirstEpoch ??= metrics.Epoch;

        public void OnEpochEnd(EpochMetrics metrics, TrainingSession session)
        {
            if (metrics.Epoch == epoch) session.SaveCheckpoint(into);
        }
    }

    [Fact]
    public void ResumedRun_WithDropoutRreluAndStochasticDepth_EndsWithTheSameWeights()
    {
        var spec = new TrainingSpec
        {
            Name = "resume",
            Dataset = new XorDatasetSpec { Samples = 32, Noise = 0.1 },
            Model = new ModelSpec
            {
                InputShape = [2],
                Layers =
                [
                    new LinearLayerSpec { Units = 8 },
                    new ActivationLayerSpec { Function = Activation.Rrelu },
                    new DropoutLayerSpec { P = 0.3 },
                    new ResidualLayerSpec { Layers = [new LinearLayerSpec { Units = 8, Activation = Activation.NoisyRelu }], StochasticDepth = 0.3 },
                    new LinearLayerSpec { Units = 1, Activation = Activation.Sigmoid },
                ],
            },
            Loss = new BceLossSpec(),
            Optimizer = new AdamOptimizerSpec { Lr = 0.01 },
            Training = new TrainingSettings { Epochs = 4, BatchSize = 8, Seed = 5 },
        };
        var data = DatasetSplits.Prepare(DatasetCatalog.Load(spec.Dataset), spec.Training);
        using var checkpoint = new MemoryStream();
        using var whole = TrainingSession.Start(spec, data);
        whole.Run(new CheckpointAt(2, checkpoint), CancellationToken.None);
        checkpoint.Position = 0;
        using var resumed = TrainingSession.Resume(spec, data, checkpoint);
        var afterResume = new CheckpointAt(-1, new MemoryStream());
        resumed.Run(afterResume, CancellationToken.None);

        // Training is deterministic: a resume that silently started over would end with the same weights too.
        Assert.Equal(3, afterResume.FirstEpoch);

        var a = whole.Model.parameters().ToList();
        var b = resumed.Model.parameters().ToList();
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.True(a[i].eq(b[i]).all().item<bool>(), $"parameter {i} differs after resume");
    }
}
