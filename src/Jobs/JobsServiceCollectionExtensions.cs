using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Access;
using TrainService.Jobs.Datasets;
using TrainService.Jobs.Execution;
using TrainService.Jobs.Inference;
using TrainService.Jobs.Persistence;
using TrainService.Jobs.Storage;
using TrainService.Models.Data;
using TrainService.Models.Validation;

namespace TrainService.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Job storage (SQLite + artifact files), the training job, the predictor cache.</summary>
    public static IServiceCollection AddTrainServiceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrainServiceOptions>()
            .Bind(configuration.GetSection(TrainServiceOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.PredictBatching.IsValid, "TrainService:PredictBatching: Window must be between 00:00:00 and 00:00:01 and MaxRows between 1 and 100000.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The host replaces this with the HTTP caller's view (TrainService.Api's HttpCurrentOwner).
        services.TryAddSingleton<ICurrentOwner, EveryOwner>();
        services.AddSingleton<IAdmissionLock, AdmissionLock>();
        services.AddSingleton<Admission>();
        services.AddInternallyBuilt<ApiKeyStore>(ServiceLifetime.Singleton);
        services.AddOptions<ModelLimits>().Bind(configuration.GetSection(ModelLimits.Section));
        services.TryAddTimeProvider();
        services.AddDbContextFactory<TrainDbContext, TrainDbContextFactory>((provider, db) =>
            TrainDatabase.Configure(db, provider.GetRequiredService<IOptions<TrainServiceOptions>>().Value, configuration));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<TrainDbContext>>().CreateDbContext());
        services.AddOptions<ArtifactStoreOptions>().Bind(configuration.GetSection(ArtifactStoreOptions.Section));
        services.AddSingleton<IArtifactStore>(provider =>
        {
            var store = provider.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value;
            return store.Store.ToLowerInvariant() switch
            {
                "s3" => new S3ArtifactStore(store.S3),
                "filesystem" => new FileArtifactStore(Path.Combine(provider.GetRequiredService<IOptions<TrainServiceOptions>>().Value.DataDirectory, "artifacts")),
                var other => throw new InvalidOperationException($"TrainService:Artifacts:Store must be 'filesystem' or 's3', not '{other}'."),
            };
        });
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<TorchThreadsSetup>();
        services.AddInternallyBuilt<StorageProbe>(ServiceLifetime.Singleton);
        services.AddInternallyBuilt<TrainService.Jobs.Studies.HalvingScheduler>(ServiceLifetime.Singleton);
        services.AddSingleton<IJobEndedHandler>(provider => provider.GetRequiredService<TrainService.Jobs.Studies.HalvingScheduler>());
        services.AddHostedService<JobReconciler>();
        services.AddSingleton<QueuedOrphanSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<QueuedOrphanSweeper>());
        services.AddScoped<JobDeletion>();
        services.AddHostedService<WorkerRegistry>();
        services.AddSingleton<LiveWorkers>();
        services.AddInternallyBuilt<JobStore>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<JobQueries>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<JobEventFeed>(ServiceLifetime.Singleton);
        services.AddScoped<WarmStartValidator>();
        services.AddInternallyBuilt<SpecGate>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<TrainService.Jobs.Studies.StudyStore>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<TrainService.Jobs.Plots.JobPlots>(ServiceLifetime.Scoped);
        services.AddTrainServiceSuites(configuration);
        services.AddSingleton<IJobQueue, HangfireJobQueue>();
        services.AddSingleton(provider => new WorkerIdentity(provider.GetRequiredService<IOptions<TrainServiceOptions>>().Value.WorkerName));
        services.AddSingleton(provider => new JobLease(provider.GetRequiredService<IDbContextFactory<TrainDbContext>>(), provider.GetRequiredService<WorkerIdentity>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<TrainServiceOptions>>().Value.WorkerLostAfter));
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<Monitoring.ServiceMetrics>();
        services.AddSingleton<ITrainingObserverFactory, Monitoring.TrainingThroughputObserver>();
        services.AddSingleton<JobProgress>();
        services.AddSingleton<JobWatcher>();
        services.AddSingleton(provider => new TrainingRunServices(
            provider.GetRequiredService<CheckpointStore>(), provider.GetRequiredService<IArtifactStore>(),
            provider.GetRequiredService<IUploadedDatasets>(), provider.GetRequiredService<JobProgress>(),
            provider.GetServices<ITrainingObserverFactory>()));
        services.AddInternallyBuilt<TrainingJob>(ServiceLifetime.Transient);
        services.AddInternallyBuilt<PredictorCache>(ServiceLifetime.Singleton);
        services.AddInternallyBuilt<DatasetStore>(ServiceLifetime.Singleton);
        services.AddSingleton<IUploadedDatasets>(provider => provider.GetRequiredService<DatasetStore>());
        return services;
    }

    /// <summary>
    /// Registers a public service whose constructor is internal because it takes Jobs' own
    /// persistence types (the container only calls public constructors by itself).
    /// </summary>
    static IServiceCollection AddInternallyBuilt<T>(this IServiceCollection services, ServiceLifetime lifetime) where T : class
    {
        var constructor = typeof(T).GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Single();
        var parameters = constructor.GetParameters().Select(p => p.ParameterType).ToArray();
        services.Add(new ServiceDescriptor(typeof(T), provider => constructor.Invoke(parameters.Select(provider.GetRequiredService).ToArray()), lifetime));
        return services;
    }

    /// <summary>Suite files, their recurring jobs and their runs (src/Jobs/Suites).</summary>
    static void AddTrainServiceSuites(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Suites.SuiteOptions>().Bind(configuration.GetSection(Suites.SuiteOptions.Section));
        services.AddSingleton<Suites.SuiteCatalog>();
        services.AddSingleton<Suites.SuiteEnvironment>();
        services.AddSingleton<Suites.SuiteMetrics>();
        services.AddInternallyBuilt<Suites.SuiteSchedules>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<Suites.SuiteRunStore>(ServiceLifetime.Scoped);
        services.AddInternallyBuilt<Suites.SuiteRunJob>(ServiceLifetime.Transient);
        services.AddHostedService<Suites.SuiteScheduleRegistration>();
    }

    static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
