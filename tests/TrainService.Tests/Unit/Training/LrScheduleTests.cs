using TrainService.Contracts.Specs;
using TrainService.Models.Training;

namespace TrainService.Tests.Unit.Training;

/// <summary>Each schedule's learning rate per epoch against its formula, with and without warm-up.</summary>
public sealed class LrScheduleTests
{
    static double[] Rates(LrSchedule schedule, int epochs) => Enumerable.Range(1, epochs).Select(schedule.LearningRateFor).ToArray();

    [Fact]
    public void Warmup_ThenStep_FollowsFormula()
    {
        var schedule = new LrSchedule(new StepScheduleSpec { StepSize = 2, Gamma = 0.5 }, warmupEpochs: 2, baseLr: 0.1);
        Assert.Equal([0.05, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025], Rates(schedule, 7), new ToleranceComparer());
    }

    [Fact]
    public void Exponential_MultipliesByGammaEachEpoch()
    {
        var schedule = new LrSchedule(new ExponentialScheduleSpec { Gamma = 0.9 }, 0, 0.2);
        Assert.Equal([0.2, 0.18, 0.162, 0.1458], Rates(schedule, 4), new ToleranceComparer());
    }

    [Fact]
    public void Cosine_FallsFromBaseToEtaMinThenHolds()
    {
        var schedule = new LrSchedule(new CosineScheduleSpec { TMax = 4, EtaMin = 0.01 }, 1, 0.1);
        double Cos(int k) => 0.01 + 0.09 * (1 + Math.Cos(Math.PI * k / 4)) / 2;
        Assert.Equal([0.1, Cos(0), Cos(1), Cos(2), Cos(3), 0.01, 0.01], Rates(schedule, 7), new ToleranceComparer());
    }

    [Fact]
    public void ReduceOnPlateau_CutsAfterPatience_AndStateSurvivesSaveAndLoad()
    {
        var spec = new ReduceOnPlateauScheduleSpec { Factor = 0.5, Patience = 1, Threshold = 0.01 };
        var schedule = new LrSchedule(spec, 0, 0.1);
        double[] losses = [1.0, 0.5, 0.499, 0.498];
        var rates = new List<double>();
        for (int e = 1; e <= losses.Length; e++)
        {
            rates.Add(schedule.LearningRateFor(e));
            schedule.EndEpoch(e, losses[e - 1]);
        }
        // Epoch 3 and 4 improve by less than 1% on 0.5: the second bad epoch exceeds patience 1.
        Assert.Equal([0.1, 0.1, 0.1, 0.1], rates);
        Assert.Equal(0.05, schedule.LearningRateFor(5), 12);

        // What a checkpoint carries (TrainingProgress.Plateau), restored into a fresh schedule.
        var restored = new LrSchedule(spec, 0, 0.1);
        restored.Restore(schedule.Capture());
        Assert.Equal(0.05, restored.LearningRateFor(5), 12);
    }

    sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12;
        public int GetHashCode(double obj) => 0;
    }
}
