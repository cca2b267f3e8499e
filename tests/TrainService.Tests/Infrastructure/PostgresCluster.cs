using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server (Debian's postgresql package) shared by every test in the run:
/// initdb in a temp folder, a free loopback port, stopped when the test process exits. Installed
/// with apt-get when missing and the tests run as root, so `dotnet test` needs nothing done by hand.
/// initdb refuses to run as root, so as root the server runs as the postgres user.
/// </summary>
public static class PostgresCluster
{
    static readonly Lazy<Task<string>> Started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    static string folder = "";
    static string binaries = "";

    /// <summary>The connection string of the server's admin database.</summary>
    public static Task<string> AdminConnectionStringAsync() => Started.Value;

    /// <summary>A new, empty database on the shared server; each test host gets its own.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        string admin = await Started.Value;
        string name = "ts_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> FolderDatabases = new();

    /// <summary>One database per data folder, for hosts that share a folder (a restart); left to the server's end.</summary>
    public static Task<string> DatabaseForFolderAsync(string folder) =>
        FolderDatabases.GetOrAdd(folder, _ => new Lazy<Task<string>>(CreateDatabaseAsync)).Value;

    /// <summary>Idle pooled connections would otherwise stay open for minutes, and the server's connection slots are few.</summary>
    public static void ClosePooledConnections(string connectionString) => NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));

    /// <summary>Closes this test's pooled connections and drops its database.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        ClosePooledConnections(connectionString);
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(await Started.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    static async Task<string> StartAsync()
    {
        binaries = FindBinaries() ?? (await InstallAsync() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed and the tests do not run as root: apt-get install postgresql (Debian's, version 15)."));
        folder = Path.Combine(Path.GetTempPath(), "trainservice-pg", Guid.NewGuid().ToString("N"));
        string data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        if (IsRoot) await RunAsync("chown", $"postgres:postgres \"{folder}\"", asPostgres: false);
        await RunAsync(Path.Combine(binaries, "initdb"), $"-D \"{data}\" -A trust -U postgres --no-sync -E UTF8", asPostgres: IsRoot);
        int port = FreePort();
        // Durability is of no use to a throw-away server; speed is.
        string settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D \"{data}\" -l \"{Path.Combine(folder, "server.log")}\" -o \"{settings}\" -w -t 60 start", asPostgres: IsRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(data);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60";
    }

    static void Stop(string data)
    {
        try
        {
            RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D \"{data}\" -m immediate -w stop", asPostgres: IsRoot).Wait(TimeSpan.FromSeconds(20));
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or AggregateException)
        {
        }
    }

    static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    static async Task<string?> InstallAsync()
    {
        if (!IsRoot) return null;
        await RunAsync("apt-get", "update -qq", asPostgres: false);
        await RunAsync("apt-get", "install -y -qq --no-install-recommends postgresql", asPostgres: false);
        return FindBinaries();
    }

    static bool IsRoot => Environment.UserName == "root";

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
