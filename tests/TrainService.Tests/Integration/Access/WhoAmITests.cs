using System.Net;
using TrainService.Contracts.Access;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>GET /api/whoami: what the results page asks before it draws anything in keys mode.</summary>
public sealed class WhoAmITests
{
    [Fact]
    public async Task KeysMode_NamesTheKeysOwnerAndScope_AndRefusesAMissingOrRevokedKey()
    {
        await using var factory = KeysMode.Factory();
        var admin = factory.ClientWith(KeysMode.AdminKey);
        var created = await admin.CreateKeyAsync("laptop", "ana", Scope.Read);

        var me = await (await factory.ClientWith(created.Key).GetAsync("/api/whoami")).ReadAsync<CallerResponse>();
        Assert.Equal(new CallerResponse("keys", "laptop", "ana", Scope.Read), me);
        Assert.Equal(Scope.Admin, (await (await admin.GetAsync("/api/whoami")).ReadAsync<CallerResponse>()).Scope);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/keys/{created.Details.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(created.Key).GetAsync("/api/whoami")).StatusCode);
    }

    [Fact]
    public async Task NoneMode_EveryoneIsTheLocalAdmin()
    {
        await using var factory = new TrainServiceFactory();
        var me = await (await factory.CreateClient().GetAsync("/api/whoami")).ReadAsync<CallerResponse>();
        Assert.Equal(new CallerResponse("none", "local", "", Scope.Admin), me);
    }
}
