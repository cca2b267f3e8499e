using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;

namespace TrainService.Jobs.Suites;

/// <summary>
/// Every suite at every size is a Hangfire recurring job (<see cref="SuiteRunJob.RecurringJobId"/>):
/// the scheduled size on its cron, the others on a cron that never fires, so "run now" is the same
/// job triggered at once. Schedules come from configuration, overridden by ones set through the API
/// (stored, so they outlive the in-memory Hangfire storage and are registered again at start-up).
/// </summary>
public sealed class SuiteSchedules
{
    readonly TrainDbContext db;
    readonly IRecurringJobManager recurringJobs;
    readonly IOptions<SuiteOptions> options;

    internal SuiteSchedules(TrainDbContext db, IRecurringJobManager recurringJobs, IOptions<SuiteOptions> options) =>
        (this.db, this.recurringJobs, this.options) = (db, recurringJobs, options);

    public async Task<SuiteSchedule?> GetAsync(string suite, CancellationToken ct)
    {
        if (await db.SuiteSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.Suite == suite, ct) is { } stored)
            return new SuiteSchedule(stored.Cron, stored.Size, "api");
        return options.Value.Schedules.TryGetValue(suite, out var cron) ? new SuiteSchedule(cron, "full", "configuration") : null;
    }

    /// <summary>Registers (or updates) the suite's recurring jobs, one per size, from its current schedule.</summary>
    public async Task RegisterAsync(SuiteDefinition suite, CancellationToken ct) =>
        Register(suite, await GetAsync(suite.Name, ct));

    /// <summary>Fires the suite's recurring job for this size now, as its cron would.</summary>
    public async Task TriggerAsync(SuiteDefinition suite, string size, CancellationToken ct)
    {
        await RegisterAsync(suite, ct);
        recurringJobs.Trigger(SuiteRunJob.RecurringJobId(suite.Name, size));
    }

    /// <summary>Sets (or, with a null cron, removes) the API schedule; null when the cron does not parse.</summary>
    public async Task<string?> SetAsync(SuiteDefinition suite, string? cron, string size, CancellationToken ct)
    {
        var schedule = cron is null ? null : new SuiteSchedule(cron, size, "api");
        try
        {
            Register(suite, schedule);
        }
        catch (ArgumentException error)
        {
            await RegisterAsync(suite, ct);
            return error.InnerException?.Message ?? error.Message;
        }
        var stored = await db.SuiteSchedules.FirstOrDefaultAsync(s => s.Suite == suite.Name, ct);
        if (stored is not null) db.SuiteSchedules.Remove(stored);
        if (cron is not null) db.SuiteSchedules.Add(new SuiteScheduleRow { Suite = suite.Name, Cron = cron, Size = size });
        await db.SaveChangesAsync(ct);
        // Removing the API schedule falls back to the configured one, if any.
        if (cron is null) await RegisterAsync(suite, ct);
        return null;
    }

    void Register(SuiteDefinition suite, SuiteSchedule? schedule)
    {
        // The scheduled size first: an invalid cron throws before any other size is touched.
        foreach (var size in suite.Sizes.Keys.OrderBy(s => s == schedule?.Size ? 0 : 1))
        {
            string name = suite.Name;
            recurringJobs.AddOrUpdate<SuiteRunJob>(SuiteRunJob.RecurringJobId(name, size), SuiteRunJob.Queue,
                job => job.RunAsync(name, size, CancellationToken.None),
                size == schedule?.Size ? schedule.Cron : Cron.Never(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
    }
}
