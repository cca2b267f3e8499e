using System.Net;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// Two API hosts on one PostgreSQL database (each with its own in-process gate): a burst split
/// between them still admits exactly the owner's quota, because the check and the insert hold a
/// PostgreSQL advisory lock. Role api runs no workers, so every accepted job stays queued.
/// </summary>
public sealed class PostgresAdmissionTests
{
    [Fact]
    public async Task BurstOf200_AcrossTwoApiHosts_WithAnOwnerQuotaOf20_AcceptsExactly20()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["TrainService:Auth:Mode"] = "keys",
            ["TrainService:Auth:BootstrapAdminKey"] = KeysMode.AdminKey,
            ["TrainService:Auth:MaxActiveJobsPerOwner"] = "20",
            ["TrainService:Auth:RequestsPerSecond"] = "0",
            ["TrainService:Role"] = "api",
        };
        await using var first = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = settings };
        await using var second = new TrainServiceFactory { Postgres = true, ConnectionString = database, DataDirectory = folder, Settings = settings };
        try
        {
            // Both hosts store the same bootstrap key at start-up, at once.
            await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
            string key = (await first.ClientWith(KeysMode.AdminKey).CreateKeyAsync("burst", "burst", Scope.Submit)).Key;
            HttpClient[] hosts = [first.ClientWith(key), second.ClientWith(key)];
            string spec = Specs.Xor(epochs: 1);

            var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => hosts[i % 2].PostJsonTextAsync("/api/jobs", spec)));

            Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
            Assert.Equal(20, (await (await hosts[1].GetAsync("/api/jobs?pageSize=200")).ReadAsync<PagedList<JobSummary>>()).Total);
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(database);
        }
    }
}
