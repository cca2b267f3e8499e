using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// The real application (TorchSharp, Hangfire, real storage) on a test server, with its own data
/// folder so tests never share state. Storage is the embedded default (SQLite + Hangfire.InMemory),
/// or, with TRAINSERVICE_TEST_STORAGE=postgres (or <see cref="Postgres"/>), PostgreSQL mode on a
/// database of its own on the shared throw-away server (<see cref="PostgresCluster"/>): the same
/// HTTP tests then run against PostgreSQL mode.
/// </summary>
public sealed class TrainServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>True when this test run puts every factory in PostgreSQL mode.</summary>
    public static bool PostgresRun => string.Equals(Environment.GetEnvironmentVariable("TRAINSERVICE_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Configuration overrides, applied after the defaults below.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Service registrations added after the application's own (test doubles of seams, never of storage).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    /// <summary>PostgreSQL mode for this factory whatever the run's mode.</summary>
    public bool Postgres { get; init; } = PostgresRun;

    /// <summary>A database to share with other hosts (an api and its workers); default: a new one, dropped with this factory.</summary>
    public string? ConnectionString { get; set; }

    bool ownsDatabase;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TrainService:DataDirectory", DataDirectory);
        builder.UseSetting("TrainService:CancelPollInterval", "00:00:00.050");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (Postgres)
        {
            if (ConnectionString is null && Settings.TryGetValue("TrainService:DataDirectory", out var sharedFolder))
                // Hosts given one data folder (a restart) share one database, as they share the SQLite file.
                ConnectionString = PostgresCluster.DatabaseForFolderAsync(sharedFolder).GetAwaiter().GetResult();
            if (ConnectionString is null)
            {
                ConnectionString = PostgresCluster.CreateDatabaseAsync().GetAwaiter().GetResult();
                ownsDatabase = true;
            }
            builder.UseSetting("TrainService:Storage", "postgres");
            builder.UseSetting("ConnectionStrings:TrainService", ConnectionString);
        }
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (ConfigureServices is not null) builder.ConfigureTestServices(ConfigureServices);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase) await PostgresCluster.DropDatabaseAsync(ConnectionString!);
        else if (ConnectionString is not null) PostgresCluster.ClosePooledConnections(ConnectionString);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
