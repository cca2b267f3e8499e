using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

public sealed class HealthTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    [Fact]
    public async Task Health_IsHealthy_WhenDatabaseAndLibtorchWork()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
