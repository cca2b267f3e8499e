using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainService.Models.Runtime;

namespace TrainService.Jobs;

/// <summary>Sizes libtorch's thread pool for the worker count before the workers start.</summary>
public sealed class TorchThreadsSetup(IOptions<TrainServiceOptions> options, ILogger<TorchThreadsSetup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        TorchRuntime.SetThreads(settings.EffectiveTorchThreads);
        logger.LogInformation("{Workers} training workers with {Threads} torch threads each", settings.TrainingWorkers, settings.EffectiveTorchThreads);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
