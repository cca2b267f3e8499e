using TrainService.Contracts.Specs;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Which steps are sampled: the first step and every N-th after it (unit steps), or the first step
/// of the first epoch and of every N-th epoch after it (unit epochs). Decided from the global step
/// and epoch alone, so a resumed run samples exactly the steps the uninterrupted one would.
/// </summary>
public sealed class SamplingSchedule(DiagnosticsSpec spec)
{
    public bool IsSampled(long globalStep, int epoch, bool firstStepOfEpoch) => spec.Unit switch
    {
        DiagnosticsUnit.Steps => (globalStep - 1) % spec.Every == 0,
        _ => firstStepOfEpoch && (epoch - 1) % spec.Every == 0,
    };
}
