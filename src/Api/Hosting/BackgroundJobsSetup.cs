using Hangfire;
using Hangfire.AspNetCore;
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
        // The storage and the job activator are this host's own singletons, not Hangfire's statics
        // (JobStorage.Current, JobActivator.Current: the last host configured wins), so two hosts in
        // one process (integration tests) never enqueue into, or activate jobs from, each other.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
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
        // Suite runs only submit studies (their training goes to the queue above), so one worker of
        // their own keeps "run now" from waiting behind training jobs.
        services.AddHangfireServer(server =>
        {
            server.Queues = [TrainService.Jobs.Suites.SuiteRunJob.Queue];
            server.WorkerCount = 1;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:suites";
        });
        return services;
    }
}
