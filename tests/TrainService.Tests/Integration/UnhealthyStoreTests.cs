using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrainService.Jobs.Storage;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>A process whose artifact store cannot be written is alive but not ready.</summary>
public sealed class UnhealthyStoreTests : IAsyncLifetime
{
    // A regular file where the store expects a folder: every write fails with an IOException.
    readonly string blocker = Path.Combine(Path.GetTempPath(), $"trainservice-blocked-{Guid.NewGuid():N}");
    TrainServiceFactory factory = null!;

    public Task InitializeAsync()
    {
        File.WriteAllText(blocker, "not a folder");
        factory = new TrainServiceFactory
        {
            ConfigureServices = services =>
            {
                services.RemoveAll<IArtifactStore>();
                services.AddSingleton<IArtifactStore>(new FileArtifactStore(Path.Combine(blocker, "artifacts")));
            },
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        File.Delete(blocker);
    }

    [Fact]
    public async Task Ready_Is503WithTheReason_WhileLiveStaysHealthy()
    {
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
