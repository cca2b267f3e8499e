using TrainService.Contracts.Specs;

namespace TrainService.Models.Training;

/// <summary>PyTorch's ReduceLROnPlateau in min mode with a relative threshold.</summary>
sealed class PlateauState(double initialLr)
{
    public double Lr { get; private set; } = initialLr;
    double? best;
    int badEpochs, cooldownLeft;

    public PlateauSnapshot Capture() => new(Lr, best, badEpochs, cooldownLeft);

    public void Restore(PlateauSnapshot snapshot) => (Lr, best, badEpochs, cooldownLeft) = (snapshot.Lr, snapshot.Best, snapshot.BadEpochs, snapshot.CooldownLeft);

    public void Observe(ReduceOnPlateauScheduleSpec spec, double loss)
    {
        if (best is not { } b || loss < b * (1 - spec.Threshold))
        {
            best = loss;
            badEpochs = 0;
        }
        else
        {
            badEpochs++;
        }
        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > spec.Patience)
        {
            Lr = Math.Max(Lr * spec.Factor, spec.MinLr);
            cooldownLeft = spec.Cooldown;
            badEpochs = 0;
        }
    }
}

/// <summary>Reduce-on-plateau's counters, small enough to travel in a checkpoint's JSON header.</summary>
public sealed record PlateauSnapshot(double Lr, double? Best, int BadEpochs, int CooldownLeft);
