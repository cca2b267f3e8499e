using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// Captures every Serilog event (Verbose, framework and EF Core included) of a run that creates,
/// uses, misuses and revokes keys, and finds neither a key nor its hash in any of them.
/// </summary>
public sealed class KeyLoggingTests
{
    sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();
        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    [Fact]
    public async Task KeysAndTheirHashes_NeverAppearInTheLog()
    {
        var sink = new CapturingSink();
        await using var factory = KeysMode.Factory(new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Hangfire"] = "Verbose",
        }, services => services.AddSingleton<ILogEventSink>(sink));
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var created = await admin.CreateKeyAsync("logged", "logged", Scope.Submit);
        var user = factory.ClientWith(created.Key);
        Assert.Equal(HttpStatusCode.Created, (await user.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/keys")).StatusCode);
        var dashboard = factory.CreateClient();
        dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("me:" + KeysMode.AdminKey)));
        Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/keys/{created.Details.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(created.Key + "-wrong").GetAsync("/api/jobs")).StatusCode);

        var log = string.Join("\n", sink.Events.Select(e => $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}"));
        Assert.True(sink.Events.Count > 20, $"only {sink.Events.Count} events captured: the sink is not wired");
        Assert.Contains("/api/keys", log);
        foreach (var key in new[] { created.Key, KeysMode.AdminKey })
        {
            Assert.DoesNotContain(key, log);
            Assert.DoesNotContain(ApiKeySecrets.HashHex(key), log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(ApiKeySecrets.Hash(key)), log);
        }
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("me:" + KeysMode.AdminKey)), log);
    }
}
