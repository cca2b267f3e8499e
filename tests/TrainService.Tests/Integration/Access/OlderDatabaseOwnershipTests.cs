using System.Net;
using Microsoft.Data.Sqlite;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// A data folder from before keys (no owner columns, no keys table, idempotency keys unique
/// server-wide) is brought to the current schema at start-up: the same columns, defaults and
/// indexes a fresh database gets, its old jobs kept (ownerless, so only admins see them).
/// </summary>
public sealed class OlderDatabaseOwnershipTests : IDisposable
{
    readonly string older = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
    readonly string fresh = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DatabaseWithoutOwners_GetsTheFreshSchema_AndKeepsItsJobsForAdmins()
    {
        Guid oldJob;
        await using (var first = new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = older } })
            oldJob = (await (await first.CreateClient().PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).ReadAsync<JobResponse>()).Id;
        await ExecuteAsync(older, """
            DROP TABLE ApiKeys;
            DROP INDEX IX_Jobs_Owner_IdempotencyKey;
            CREATE UNIQUE INDEX IX_Jobs_IdempotencyKey ON Jobs (IdempotencyKey);
            ALTER TABLE Jobs DROP COLUMN Owner;
            ALTER TABLE Datasets DROP COLUMN Owner;
            ALTER TABLE Studies DROP COLUMN Owner;
            """);

        await using var upgraded = KeysMode.Factory(new Dictionary<string, string> { ["TrainService:DataDirectory"] = older });
        var admin = upgraded.ClientWith(KeysMode.AdminKey);
        var owner = upgraded.ClientWith((await admin.CreateKeyAsync("new", "new", Scope.Submit)).Key);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/jobs/{oldJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/jobs/{oldJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).StatusCode);

        await using (var reference = new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:DataDirectory"] = fresh } })
            Assert.Equal(HttpStatusCode.OK, (await reference.CreateClient().GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(older));
    }

    /// <summary>Every table's columns (name, type, not null, default) and every index's columns and uniqueness.</summary>
    static async Task<List<string>> SchemaAsync(string folder)
    {
        var lines = new List<string>();
        await using var connection = await OpenAsync(folder);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' default=' || IFNULL(c.dflt_value, '-')
            FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            UNION ALL
            SELECT 'index ' || il.name || ' unique=' || il."unique" || ' on ' || m.name || '(' || (SELECT group_concat(ii.name) FROM pragma_index_info(il.name) ii) || ')'
            FROM sqlite_master m JOIN pragma_index_list(m.name) il WHERE m.type = 'table' AND il.origin = 'c'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    static async Task ExecuteAsync(string folder, string sql)
    {
        await using var connection = await OpenAsync(folder);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    static async Task<SqliteConnection> OpenAsync(string folder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "trainservice.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { older, fresh })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
