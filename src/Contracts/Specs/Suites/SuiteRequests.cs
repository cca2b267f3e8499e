using System.ComponentModel;

namespace TrainService.Contracts.Specs.Suites;

/// <summary>Run a suite now, at one of its sizes.</summary>
public sealed record SuiteRunRequest
{
    [Description("Which of the suite's sizes to run: smoke (seconds, for CI) or full (the size its published tables come from).")]
    public string Size { get; init; } = "full";
}

/// <summary>When a suite runs by itself.</summary>
public sealed record SuiteScheduleRequest
{
    [Description("A cron expression (5 fields, UTC), e.g. \"0 2 * * *\" for every night at 02:00; null removes the schedule.")]
    public string? Cron { get; init; }

    [Description("The size the scheduled runs use.")]
    public string Size { get; init; } = "full";
}
