using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TrainService.Contracts.Access;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Access;

/// <summary>
/// A data folder from before keys (no owner columns, no keys table, idempotency keys unique
/// server-wide: the migration before OwnersAndApiKeys, with a job in it) is brought to the
/// current schema at start-up by the OwnersAndApiKeys migration: the same columns, defaults and
/// indexes a fresh database gets, its old jobs kept (ownerless, so only admins see them).
/// SQLite only: it edits the file.
/// </summary>
public sealed class OlderDatabaseOwnershipTests : IDisposable
{
    readonly string older = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));
    readonly string fresh = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DatabaseWithoutOwners_GetsTheFreshSchema_AndKeepsItsJobsForAdmins()
    {
        var oldJob = Guid.NewGuid();
        Directory.CreateDirectory(older);
        await using (var db = LegacyDataFolder.Open(older))
        {
            var migrations = db.Database.GetMigrations().ToList();
            // Later migrations (StudyHalvingBudgets) come after it; the folder stops just before it.
            int owners = migrations.FindIndex(m => m.EndsWith("_OwnersAndApiKeys", StringComparison.Ordinal));
            Assert.True(owners > 0, string.Join(", ", migrations));
            await db.GetService<IMigrator>().MigrateAsync(migrations[owners - 1]);
            await Persistence.MigrationTests.InsertLegacyJobAsync(db, oldJob);
        }
        Assert.DoesNotContain(await SchemaAsync(older), line => line.Contains(".Owner ") || line.Contains("ApiKeys"));

        await using var upgraded = new TrainServiceFactory
        {
            Postgres = false,
            DataDirectory = older,
            Settings = new Dictionary<string, string> { ["TrainService:Auth:Mode"] = "keys", ["TrainService:Auth:BootstrapAdminKey"] = KeysMode.AdminKey },
        };
        var admin = upgraded.ClientWith(KeysMode.AdminKey);
        var owner = upgraded.ClientWith((await admin.CreateKeyAsync("new", "new", Scope.Submit)).Key);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/jobs/{oldJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/jobs/{oldJob}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostJsonTextAsync("/api/jobs", Specs.Xor(epochs: 1, samples: 16, batchSize: 8))).StatusCode);

        await using var reference = new TrainServiceFactory { Postgres = false, DataDirectory = fresh };
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
            FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsLock'
            UNION ALL
            SELECT 'index ' || il.name || ' unique=' || il."unique" || ' on ' || m.name || '(' || (SELECT group_concat(ii.name) FROM pragma_index_info(il.name) ii) || ')'
            FROM sqlite_master m JOIN pragma_index_list(m.name) il WHERE m.type = 'table' AND il.origin = 'c'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
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
