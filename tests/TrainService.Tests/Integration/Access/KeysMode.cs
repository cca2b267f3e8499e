using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TrainService.Contracts.Access;
using TrainService.Contracts.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>A service in Auth:Mode keys with a bootstrap admin key, and clients that carry a key.</summary>
public static class KeysMode
{
    public const string AdminKey = "test-bootstrap-admin-key-0123456789abcdef";

    public static TrainServiceFactory Factory(IReadOnlyDictionary<string, string>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, bool? postgres = null)
    {
        var all = new Dictionary<string, string>
        {
            ["TrainService:Auth:Mode"] = "keys",
            ["TrainService:Auth:BootstrapAdminKey"] = AdminKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return new TrainServiceFactory { Settings = all, ConfigureServices = services, Postgres = postgres ?? TrainServiceFactory.PostgresRun };
    }

    public static HttpClient ClientWith(this TrainServiceFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<CreatedApiKeyResponse> CreateKeyAsync(this HttpClient admin, string name, string owner, params Scope[] scopes)
    {
        var response = await admin.PostAsJsonAsync("/api/keys", new CreateApiKeyRequest(name, scopes, owner), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<CreatedApiKeyResponse>();
    }
}
