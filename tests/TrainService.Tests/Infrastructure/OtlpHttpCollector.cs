using System.Net;
using System.Net.Sockets;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// Stands in for an OpenTelemetry collector's OTLP/HTTP receiver: answers 200 to every POST and
/// keeps each request's path and (protobuf) body, so a test can look for a trace id in what was sent.
/// </summary>
public sealed class OtlpHttpCollector : IDisposable
{
    readonly HttpListener listener = new();
    readonly List<(string Path, byte[] Body)> received = [];
    readonly Task serving;

    public OtlpHttpCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter posts traces to <c>/v1/traces</c> under it.</summary>
    public string Endpoint { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Received()
    {
        lock (received) return [.. received];
    }

    /// <summary>The first request matching <paramref name="match"/>, waiting up to 30 s for the exporter's next batch.</summary>
    public async Task<(string Path, byte[] Body)> WaitForAsync(Func<(string Path, byte[] Body), bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = Received().Where(match).ToList();
            if (found.Count > 0) return found[0];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No matching OTLP request among {Received().Count} received.");
            await Task.Delay(50);
        }
    }

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (received) received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
