using TrainService.Contracts.Specs;

namespace TrainService.Models.Training;

/// <summary>
/// The learning rate of each epoch: linear warm-up, then the schedule counted from the end of
/// warm-up. Every rule except reduce-on-plateau is a pure function of the epoch, so resuming
/// needs only the epoch number; the plateau's counters travel through <see cref="SaveState"/>.
/// </summary>
public sealed class LrSchedule(LrScheduleSpec spec, int warmupEpochs, double baseLr)
{
    readonly PlateauState plateau = new(baseLr);

    /// <summary>The learning rate for a 1-based epoch.</summary>
    public double LearningRateFor(int epoch)
    {
        if (epoch <= warmupEpochs) return baseLr * epoch / warmupEpochs;
        int k = epoch - warmupEpochs - 1;
        return spec switch
        {
            StepScheduleSpec s => baseLr * Math.Pow(s.Gamma, k / s.StepSize),
            ExponentialScheduleSpec s => baseLr * Math.Pow(s.Gamma, k),
            CosineScheduleSpec s when k >= s.TMax => s.EtaMin,
            CosineScheduleSpec s => s.EtaMin + (baseLr - s.EtaMin) * (1 + Math.Cos(Math.PI * k / s.TMax)) / 2,
            ReduceOnPlateauScheduleSpec => plateau.Lr,
            _ => baseLr,
        };
    }

    /// <summary>Feeds the epoch's monitored loss (validation loss, else training loss) to reduce-on-plateau.</summary>
    public void EndEpoch(int epoch, double monitoredLoss)
    {
        if (spec is ReduceOnPlateauScheduleSpec s && epoch > warmupEpochs)
            plateau.Observe(s, monitoredLoss);
    }

    /// <summary>The reduce-on-plateau counters (null for the stateless schedules).</summary>
    public PlateauSnapshot? Capture() => spec is ReduceOnPlateauScheduleSpec ? plateau.Capture() : null;

    public void Restore(PlateauSnapshot? snapshot)
    {
        if (snapshot is not null) plateau.Restore(snapshot);
    }
}
