using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// The real application (SQLite file, Hangfire InMemory, TorchSharp) on a test server, with its
/// own data folder so tests never share state.
/// </summary>
public sealed class TrainServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>Configuration overrides, applied after the defaults below.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Service registrations added after the application's own (test doubles of seams, never of storage).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TrainService:DataDirectory", DataDirectory);
        builder.UseSetting("TrainService:CancelPollInterval", "00:00:00.050");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (ConfigureServices is not null) builder.ConfigureTestServices(ConfigureServices);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
