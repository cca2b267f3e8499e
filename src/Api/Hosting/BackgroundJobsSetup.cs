using Hangfire;
using Hangfire.InMemory;
using TrainService.Jobs;
using TrainService.Jobs.Execution;

namespace TrainService.Api.Hosting;

public static class BackgroundJobsSetup
{
    /// <summary>Hangfire on its embedded in-memory storage, with one worker per configured training slot on the "training" queue.</summary>
    public static IServiceCollection AddTrainServiceBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TrainServiceOptions.Section).Get<TrainServiceOptions>() ?? new TrainServiceOptions();
        // The storage is this host's own singleton, not Hangfire's static JobStorage.Current, so two
        // hosts in one process (integration tests) never pick up each other's jobs.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(server =>
        {
            server.Queues = [TrainingJob.Queue];
            server.WorkerCount = settings.TrainingWorkers;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        return services;
    }
}
