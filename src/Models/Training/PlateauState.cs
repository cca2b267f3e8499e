using TrainService.Contracts.Specs;

namespace TrainService.Models.Training;

/// <summary>PyTorch's ReduceLROnPlateau in min mode with a relative threshold.</summary>
sealed class PlateauState(double initialLr)
{
    public double Lr { get; private set; } = initialLr;
    double best = double.PositiveInfinity;
    int badEpochs, cooldownLeft;

    public void Observe(ReduceOnPlateauScheduleSpec spec, double loss)
    {
        if (loss < best * (1 - spec.Threshold))
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

    public void Write(BinaryWriter writer)
    {
        writer.Write(Lr);
        writer.Write(best);
        writer.Write(badEpochs);
        writer.Write(cooldownLeft);
    }

    public void Read(BinaryReader reader)
    {
        Lr = reader.ReadDouble();
        best = reader.ReadDouble();
        badEpochs = reader.ReadInt32();
        cooldownLeft = reader.ReadInt32();
    }
}
