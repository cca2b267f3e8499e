using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server (s3rver, from the npm registry, pinned in tests/s3rver) on a free
/// loopback port with a bucket "trainservice", for the S3 artifact store's tests. Installs its
/// node_modules on first use, so `dotnet test` needs nothing done by hand.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "trainservice", AccessKey = "S3RVER", SecretKey = "S3RVER";
    static readonly string Folder = Path.Combine(RepositoryFiles.Root, "tests", "s3rver");
    readonly string data = Path.Combine(Path.GetTempPath(), "trainservice-s3rver", Guid.NewGuid().ToString("N"));
    Process? server;

    public string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "s3rver", "bin", "s3rver.js")))
            await RunAsync("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(5));
        int port = FreePort();
        Directory.CreateDirectory(data);
        server = Process.Start(new ProcessStartInfo("node", $"node_modules/s3rver/bin/s3rver.js -d \"{data}\" -a 127.0.0.1 -p {port} -s --configure-bucket {Bucket}")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        ServiceUrl = $"http://127.0.0.1:{port}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var http = new HttpClient();
        while (true)
        {
            if (server.HasExited) throw new InvalidOperationException($"s3rver exited: {await server.StandardError.ReadToEndAsync()}");
            try
            {
                // Any HTTP answer means it listens; the bucket is created before it does.
                await http.GetAsync(ServiceUrl);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (server is { HasExited: false }) server.Kill(entireProcessTree: true);
        server?.Dispose();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task RunAsync(string file, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {await output}");
    }
}
