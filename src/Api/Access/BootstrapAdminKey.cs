using Microsoft.Extensions.Options;
using TrainService.Contracts.Access;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>
/// Stores TrainService:Auth:BootstrapAdminKey (hashed) at start-up, so a deployment can have its
/// first admin key from a secret; once revoked it stays revoked. Runs after the schema exists.
/// </summary>
sealed class BootstrapAdminKey(ApiKeyStore keys, IOptions<AccessOptions> access, ILogger<BootstrapAdminKey> logger) : IHostedService
{
    public const string Name = "bootstrap-admin";

    public async Task StartAsync(CancellationToken ct)
    {
        if (access.Value.BootstrapAdminKey is not { } key) return;
        if (await keys.EnsureStoredAsync(key, Name, owner: "admin", Scope.Admin, ct))
            logger.LogInformation("Stored the configured bootstrap admin key as key {KeyName}", Name);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
