using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrainService.Jobs.Suites;

/// <summary>
/// At start-up (after the schema exists): every suite's recurring jobs, with the schedules from
/// configuration and the database, since Hangfire's in-memory storage starts empty each time.
/// </summary>
internal sealed class SuiteScheduleRegistration(IServiceScopeFactory scopes, SuiteCatalog catalog, ILogger<SuiteScheduleRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schedules = scope.ServiceProvider.GetRequiredService<SuiteSchedules>();
        foreach (var suite in catalog.All())
        {
            try
            {
                await schedules.RegisterAsync(suite, ct);
            }
            catch (ArgumentException error)
            {
                // A bad cron in configuration leaves that suite unscheduled (it still runs when asked), not the service down.
                logger.LogError(error, "Suite {Suite}: its schedule was not registered", suite.Name);
            }
        }
        foreach (var (file, problem) in catalog.Problems())
            logger.LogWarning("Suite file {File} is not a suite: {Problem}", file, problem);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
