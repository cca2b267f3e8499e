namespace TrainService.Jobs.Persistence;

/// <summary>
/// The MetricAxis migration's data step, the same SQL on both providers. Before it, a row's axis was
/// spelt in its name: <c>step.</c> for per-step series and diagnostics, <c>testRows/testLoss/testAccuracy</c>
/// for the test measurement, no prefix for the epoch axis. Upgrading moves the prefix into the Axis
/// column, so a service upgraded in place keeps every stored curve; downgrading puts it back.
/// Frozen: the axis numbers are <see cref="MetricAxis"/>'s and must never change.
/// </summary>
internal static class MetricAxisConversion
{
    const string OldStep = "\"Name\" LIKE 'step.%'", OldTest = "\"Name\" IN ('testRows', 'testLoss', 'testAccuracy')";

    /// <summary>An old row's axis, from its name.</summary>
    public const string AxisOfOldName = $"""CASE WHEN {OldStep} THEN 1 WHEN {OldTest} THEN 2 ELSE 0 END""";

    /// <summary>An old row's name without the axis in it.</summary>
    public const string NameOfOldName = $"""
        CASE WHEN {OldStep} THEN substr("Name", 6)
            WHEN "Name" = 'testRows' THEN 'rows' WHEN "Name" = 'testLoss' THEN 'loss' WHEN "Name" = 'testAccuracy' THEN 'accuracy'
            ELSE "Name" END
        """;

    /// <summary>
    /// In place, once the Axis column (default 0) and the new key exist. No row collides on the way: every
    /// row starts on axis 0 and each changed row moves to axis 1 or 2 under a name unique there.
    /// </summary>
    public const string ToAxesInPlace = $"""
        UPDATE "Metrics" SET "Axis" = {AxisOfOldName}, "Name" = {NameOfOldName} WHERE {OldStep} OR {OldTest};
        """;

    /// <summary>While the Axis column and its key still exist, before the old key (job, name, step) comes back.</summary>
    public const string FromAxes = """
        UPDATE "Metrics" SET "Name" = 'step.' || "Name" WHERE "Axis" = 1;
        UPDATE "Metrics" SET "Name" = CASE "Name" WHEN 'rows' THEN 'testRows' WHEN 'loss' THEN 'testLoss' ELSE 'testAccuracy' END
            WHERE "Axis" = 2;
        """;
}
