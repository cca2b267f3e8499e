using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using TrainService.Jobs;
using TrainService.Jobs.Execution;

namespace TrainService.Api.Hosting;

public static class BackgroundJobsSetup
{
    /// <summary>
    /// Hangfire's storage by TrainService:Storage (in-memory, or PostgreSQL shared by every process), and a
    /// Hangfire server with one worker per training slot on the queues of this worker's device, unless
    /// TrainService:Role is api.
    /// </summary>
    public static IServiceCollection AddTrainServiceBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TrainServiceOptions.Section).Get<TrainServiceOptions>() ?? new TrainServiceOptions();
        if (settings.Role != ServiceRole.All && settings.Storage != StorageKind.Postgres)
            throw new InvalidOperationException(
                $"TrainService:Role '{settings.Role.ToString().ToLowerInvariant()}' needs TrainService:Storage 'postgres': the embedded queue lives in one process's memory, so api and workers must share PostgreSQL.");
        // The storage and the job activator are this host's own singletons, not Hangfire's statics
        // (JobStorage.Current, JobActivator.Current: the last host configured wins), so two hosts in
        // one process (integration tests) never enqueue into, or activate jobs from, each other.
        services.AddSingleton<JobStorage>(_ => settings.Storage == StorageKind.Postgres
            ? PostgresQueue(StorageConnection.Postgres(configuration), settings)
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (settings.Role.Trains())
            services.AddHangfireServer(server =>
            {
                server.Queues = TrainingQueues.ServedBy(settings.Device);
                server.WorkerCount = settings.TrainingWorkers;
                server.ServerName = new WorkerIdentity(settings.WorkerName).Name;
            });
        return services;
    }

    /// <summary>
    /// Idle workers wake on LISTEN/NOTIFY and poll only as a fallback. A fetched job stays invisible
    /// to other workers while its worker's heartbeat slides the timeout on; once a killed worker's
    /// heartbeat stops, the job is fetched again after WorkerLostAfter (its lease runs out as fast).
    /// </summary>
    static PostgreSqlStorage PostgresQueue(string connectionString, TrainServiceOptions settings)
    {
        var options = new PostgreSqlStorageOptions
        {
            EnableLongPolling = true,
            QueuePollInterval = settings.QueuePollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = settings.WorkerLostAfter,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
