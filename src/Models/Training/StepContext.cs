using TrainService.Contracts.Specs;
using TrainService.Models.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Training;

/// <summary>What every step of a run shares: the model, its optimizer, the loss and the step controls (penalties, clipping).</summary>
public sealed record StepContext(nn.Module<Tensor, Tensor> Model, ITrainingOptimizer Optimizer, LossFunction Loss, Parameter[] Parameters, TrainingSettings Settings)
{
    /// <summary>One optimizer step on the batch (x, y); the closure reports the loss and output before the update.</summary>
    public BatchClosure Run(Tensor x, Tensor y)
    {
        var closure = new BatchClosure(Model, Loss, x, y, Parameters, Settings);
        Optimizer.Step(closure);
        return closure;
    }
}
