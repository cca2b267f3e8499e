using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
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

    static readonly Lazy<Task<string>> Template = new(PrepareTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A new database on the shared server; each test host gets its own. By default a copy of a template that
    /// already has the schema (every migration, Hangfire's tables), so hundreds of test hosts do not each
    /// install it; <paramref name="empty"/> gives a blank one (tests of the migrations themselves).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(bool empty = false)
    {
        string admin = await Started.Value;
        string template = empty ? "template1" : await Template.Value;
        return await CreateAsync(admin, "ts_" + Guid.NewGuid().ToString("N"), template);
    }

    static async Task<string> CreateAsync(string admin, string name, string template)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    static async Task<string> PrepareTemplateAsync()
    {
        string connectionString = await CreateAsync(await Started.Value, "ts_template", "template1");
        await using (var db = new TrainService.Jobs.Persistence.PostgresTrainDbContext(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<TrainService.Jobs.Persistence.TrainDbContext>().UseNpgsql(connectionString).Options))
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        var hangfire = new Hangfire.PostgreSql.PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
        _ = new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, hangfire), hangfire);
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections to be copied (Hangfire pools its own)
        return "ts_template";
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> FolderDatabases = new();

    /// <summary>One database per data folder, for hosts that share a folder (a restart); left to the server's end.</summary>
    public static Task<string> DatabaseForFolderAsync(string folder) =>
        FolderDatabases.GetOrAdd(folder, _ => new Lazy<Task<string>>(() => CreateDatabaseAsync())).Value;

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
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres:postgres \"{folder}\"", asPostgres: false);
            await RunAsync("chmod", $"1777 \"{Path.GetDirectoryName(folder)}\"", asPostgres: false); // so the postgres user may remove its folder
        }
        await RunAsync(Path.Combine(binaries, "initdb"), $"-D \"{data}\" -A trust -U postgres --no-sync -E UTF8", asPostgres: IsRoot);
        int port = FreePort();
        // Durability is of no use to a throw-away server; speed is.
        string settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(binaries, "pg_ctl"), $"-D \"{data}\" -l \"{Path.Combine(folder, "server.log")}\" -o \"{settings}\" -w -t 60 start", asPostgres: IsRoot);
        StopWhenThisProcessEnds(data);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60";
    }

    /// <summary>
    /// A detached watchdog stops the server and removes its folder once the test process is gone, however it
    /// ends (the test host is not always given the chance to run exit handlers). setsid --fork takes it out of the
    /// test process's tree, which the test runner may kill whole.
    /// </summary>
    static void StopWhenThisProcessEnds(string data)
    {
        string script = $"exec </dev/null >/dev/null 2>&1; while [ -d /proc/{Environment.ProcessId} ]; do sleep 1; done; " +
                        $"\"{Path.Combine(binaries, "pg_ctl")}\" -D \"{data}\" -m immediate -w stop; rm -rf \"{folder}\"";
        var start = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", "setsid", "--fork", "sh", "-c", script]) : new ProcessStartInfo("setsid", ["--fork", "sh", "-c", script]);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = false;
        start.UseShellExecute = false;
        Process.Start(start)?.Dispose();
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
