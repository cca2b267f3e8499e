namespace TrainService.Models.Optimizers;

/// <summary>
/// One optimizer as the trainer sees it, built-in or custom: it evaluates the loss through the
/// closure as often as its algorithm needs (once for first-order methods, several times for
/// L-BFGS, with a graph for Newton) and owns every buffer it keeps between steps.
/// </summary>
public interface ITrainingOptimizer : IDisposable
{
    /// <summary>The current learning rate; schedules set it before each epoch.</summary>
    double LearningRate { get; set; }

    /// <summary>Updates completed so far (the t of bias corrections).</summary>
    long StepCount { get; }

    /// <summary>True once the optimizer's own stopping rule holds (gd's gradient tolerance).</summary>
    bool Converged { get; }

    /// <summary>Takes one optimizer step on the batch behind <paramref name="closure"/>.</summary>
    void Step(ILossClosure closure);

    /// <summary>Writes every buffer, the step count and the learning rate.</summary>
    void SaveState(Stream destination);

    /// <summary>Restores what <see cref="SaveState"/> wrote into an optimizer built from the same spec over the same model.</summary>
    void LoadState(Stream source);
}
