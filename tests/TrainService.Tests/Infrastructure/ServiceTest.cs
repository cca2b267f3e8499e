namespace TrainService.Tests.Infrastructure;

/// <summary>A test class with its own service instance (own data folder, own Hangfire storage) and an HTTP client to it.</summary>
public abstract class ServiceTest : IAsyncLifetime
{
    protected ServiceTest(TrainServiceFactory? factory = null) => Factory = factory ?? new TrainServiceFactory();

    protected TrainServiceFactory Factory { get; }
    protected HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
