using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TrainService.Api.Access;
using TrainService.Contracts.Access;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>The modes' edges: the dashboard login, per-key rate limits, CORS, none mode's loopback-only rule, the keys CLI.</summary>
public sealed class AccessModeTests
{
    [Fact]
    public async Task Dashboard_InKeysMode_AsksForABasicLogin_AndLetsOnlyAdminKeysIn()
    {
        await using var factory = KeysMode.Factory();
        var admin = factory.ClientWith(KeysMode.AdminKey);
        string submitKey = (await admin.CreateKeyAsync("worker", "team", Scope.Submit)).Key;

        var anonymous = await factory.CreateClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, (await Basic(factory, submitKey).GetAsync("/hangfire")).StatusCode);
        var page = await Basic(factory, KeysMode.AdminKey).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire", await page.Content.ReadAsStringAsync());
    }

    static HttpClient Basic(TrainServiceFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + key)));
        return client;
    }

    [Fact]
    public async Task PrometheusScrape_WithoutAKey_CountsEveryOwnersJobs()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string> { ["TrainService:TrainingWorkers"] = "1" });
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var owner = factory.ClientWith((await admin.CreateKeyAsync("someone", "someone", Scope.Submit)).Key);
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await owner.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 100_000))).StatusCode);

        string scrape = await factory.CreateClient().GetStringAsync("/metrics");
        double total = scrape.Split('\n').Where(l => l.StartsWith("trainservice_jobs{")).Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, total);
        foreach (var job in (await (await owner.GetAsync("/api/jobs")).ReadAsync<TrainService.Contracts.Responses.PagedList<TrainService.Contracts.Responses.JobSummary>>()).Items)
            await owner.PostAsync($"/api/jobs/{job.Id}/cancel", null);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheBearerScheme_AndEachOperationsScope()
    {
        await using var factory = new TrainServiceFactory();
        using var document = System.Text.Json.JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiKeyDocumentation.SchemeName);
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var create = document.RootElement.GetProperty("paths").GetProperty("/api/jobs").GetProperty("post");
        Assert.True(create.GetProperty("security")[0].TryGetProperty(ApiKeyDocumentation.SchemeName, out _));
        Assert.Contains("`submit` scope", create.GetProperty("description").GetString());
        Assert.Contains("`admin` scope", document.RootElement.GetProperty("paths").GetProperty("/api/keys").GetProperty("get").GetProperty("description").GetString());
    }

    [Fact]
    public async Task RateLimit_IsPerKey_429WithRetryAfter()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string>
        {
            ["TrainService:Auth:RequestsPerSecond"] = "1",
            ["TrainService:Auth:RequestBurst"] = "3",
        });
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var first = factory.ClientWith((await admin.CreateKeyAsync("first", "first", Scope.Read)).Key);
        var second = factory.ClientWith((await admin.CreateKeyAsync("second", "second", Scope.Read)).Key);

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++) statuses.Add((await first.GetAsync("/api/jobs")).StatusCode);
        var limited = await first.GetAsync("/api/jobs");

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Cors_AnswersOnlyConfiguredOrigins()
    {
        await using var factory = new TrainServiceFactory
        {
            Settings = new Dictionary<string, string> { ["TrainService:Cors:AllowedOrigins:0"] = "https://notebooks.example.org" },
        };
        var client = factory.CreateClient();
        Assert.Equal("https://notebooks.example.org", (await Preflight(client, "https://notebooks.example.org")).Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False((await Preflight(client, "https://evil.example.com")).Headers.Contains("Access-Control-Allow-Origin"));

        await using var byDefault = new TrainServiceFactory();
        Assert.False((await Preflight(byDefault.CreateClient(), "https://notebooks.example.org")).Headers.Contains("Access-Control-Allow-Origin"));
    }

    static Task<HttpResponseMessage> Preflight(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/jobs");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return client.SendAsync(request);
    }

    [Fact]
    public async Task ShortBootstrapAdminKey_StopsStartUp_NamingTheSetting()
    {
        await using var factory = KeysMode.Factory(new Dictionary<string, string> { ["TrainService:Auth:BootstrapAdminKey"] = "too-short" });
        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("TrainService:Auth:BootstrapAdminKey must have at least 32 characters", error.Message);
    }

    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://myhost.example:8080", false)]
    [InlineData("http://192.168.1.10:8080", false)]
    public void Loopback_IsLocalhostOrALoopbackIp_Only(string address, bool loopback) => Assert.Equal(loopback, ListenPolicy.IsLoopback(address));

    [Fact]
    public void ConfiguredAddresses_ReadUrlsPortsAndKestrelEndpoints_DefaultingToLocalhost5000()
    {
        static IReadOnlyList<string> From(Dictionary<string, string?> values) =>
            ListenPolicy.ConfiguredAddresses(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        Assert.Equal(["http://localhost:5000"], From([]));
        Assert.Equal(["http://127.0.0.1:1", "http://0.0.0.0:2"], From(new() { ["urls"] = "http://127.0.0.1:1;http://0.0.0.0:2" }));
        Assert.Equal(["http://*:8080"], From(new() { ["http_ports"] = "8080" }));
        Assert.Equal(["http://10.0.0.1:9"], From(new() { ["Kestrel:Endpoints:Web:Url"] = "http://10.0.0.1:9" }));
    }

    [Fact]
    public async Task NoneMode_OnAPublicAddress_RefusesToStart_SayingWhy()
    {
        string data = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var (exit, output) = await RunApiAsync(["--urls", "http://0.0.0.0:6391", $"--TrainService:DataDirectory={data}"]);
        Assert.Equal(1, exit);
        Assert.Contains("Refusing to start: Auth mode none would listen on http://0.0.0.0:6391", output);
        Assert.Contains("TrainService:Auth:Mode=keys", output);
    }

    [Fact]
    public async Task KeysCreateCommand_PrintsAKeyOnce_ThatTheServiceThenAccepts()
    {
        // SQLite: the command and the service share the data folder.
        await using var factory = KeysMode.Factory(postgres: false);
        var (exit, output) = await RunApiAsync(["keys", "create", "--name", "admin", "--scopes", "admin", $"--TrainService:DataDirectory={factory.DataDirectory}"]);
        Assert.Equal(0, exit);
        string key = output.Split('\n')[0].Trim();
        Assert.StartsWith("tsk_", key);
        Assert.Equal(47, key.Length);

        var listed = await factory.ClientWith(key).GetAsync("/api/keys");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.DoesNotContain(key, await listed.Content.ReadAsStringAsync());
        Assert.Contains("\"name\":\"admin\"", await listed.Content.ReadAsStringAsync());
    }

    /// <summary>The built API as its own process (stdout first, then stderr), from the test's output folder.</summary>
    static async Task<(int Exit, string Output)> RunApiAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
