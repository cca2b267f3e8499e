using System.Text.Json;

namespace TrainService.Jobs.Suites;

/// <summary>
/// A suite file (suites/{name}.json): one or more study definitions (without seeds) that together
/// reproduce a comparison, and the sizes it runs at. A size picks the seeds and overwrites values of
/// every part's base spec by JSON path (fewer epochs, fewer samples), so smoke and full run the same
/// comparison at different cost.
/// </summary>
public sealed record SuiteDefinition
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<SuitePart> Parts { get; init; }
    public required IReadOnlyDictionary<string, SuiteSize> Sizes { get; init; }
    /// <summary>Figures beyond the objective: firstLastGradRatio (needs diagnostics in the base spec).</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];
}

/// <summary>One study of a suite: a StudySpec document without name and seeds (the run supplies both).</summary>
public sealed record SuitePart
{
    public required string Name { get; init; }
    public required JsonElement Study { get; init; }
    /// <summary>Names for the arms in grid order, for tables, where the generated ones would be whole layer lists.</summary>
    public IReadOnlyList<string>? ArmLabels { get; init; }
}

/// <summary>A size: the seeds, and values written into every part's base spec at JSON paths.</summary>
public sealed record SuiteSize
{
    public required IReadOnlyList<long> Seeds { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Set { get; init; } = new Dictionary<string, JsonElement>();
}
