namespace TrainService.Jobs.Persistence;

/// <summary>A study as submitted, and the arms it expanded to. Write-once but for the halving rung; its status is derived from its jobs.</summary>
internal sealed class StudyRow : IOwnedRow
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The StudySpec as posted (base, factors, seeds, objective).</summary>
    public required string DefinitionJson { get; set; }
    /// <summary>The arms in grid order: index, label and factor values.</summary>
    public required string ArmsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>With a halving scheduler: the rung (0-based) whose jobs run now; the last rung trains to the spec's epochs. Null without a scheduler.</summary>
    public int? HalvingRung { get; set; }
    /// <summary>Why the last attempt to advance the halving failed (time and error); cleared when a rung next moves. Null when none failed.</summary>
    public string? HalvingError { get; set; }
    public string Owner { get; set; } = "";
}

/// <summary>Which job runs which arm and seed of a study.</summary>
internal sealed class StudyJobRow
{
    public Guid StudyId { get; set; }
    public int Arm { get; set; }
    public long Seed { get; set; }
    public Guid JobId { get; set; }
}
