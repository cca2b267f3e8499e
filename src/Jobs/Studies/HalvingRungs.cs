namespace TrainService.Jobs.Studies;

/// <summary>The epoch budgets of successive halving: minEpochs, ·factor, ·factor², … capped by (and ending at) the spec's epochs.</summary>
public static class HalvingRungs
{
    public static IReadOnlyList<int> Budgets(int minEpochs, int factor, int epochs)
    {
        var budgets = new List<int>();
        for (long budget = minEpochs; budget < epochs; budget *= factor) budgets.Add((int)budget);
        budgets.Add(epochs);
        return budgets;
    }

    /// <summary>How many of <paramref name="arms"/> continue past a cut: the best ceil(arms/factor), at least one.</summary>
    public static int Kept(int arms, int factor) => Math.Max(1, (arms + factor - 1) / factor);

    /// <summary>The budget a job of rung <paramref name="rung"/> carries: null on the last rung (train to the spec's end).</summary>
    public static int? JobBudget(IReadOnlyList<int> budgets, int rung) => rung < budgets.Count - 1 ? budgets[rung] : null;
}
