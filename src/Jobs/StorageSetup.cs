using Microsoft.Extensions.DependencyInjection;

namespace TrainService.Jobs;

public static class StorageSetup
{
    /// <summary>What the host does first at start-up (folder, schema), for tools that use the data without starting the host.</summary>
    public static Task InitializeTrainServiceStorageAsync(this IServiceProvider services, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<StorageInitializer>(services).StartAsync(ct);
}
