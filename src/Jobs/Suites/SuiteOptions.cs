namespace TrainService.Jobs.Suites;

/// <summary>Bound from "TrainService:Suites".</summary>
public sealed class SuiteOptions
{
    public const string Section = "TrainService:Suites";

    /// <summary>Folder of suite files; default: the suites/ folder shipped beside the service's binaries.</summary>
    public string? Directory { get; set; }

    /// <summary>Suite name → cron (UTC) for runs at size full; a schedule set through the API wins over these.</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];

    public string EffectiveDirectory => Directory ?? Path.Combine(AppContext.BaseDirectory, "suites");
}
