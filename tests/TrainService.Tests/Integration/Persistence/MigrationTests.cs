using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Jobs.Persistence;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Persistence;

/// <summary>The schema comes from migrations; data folders made by EnsureCreated (before migrations) keep working.</summary>
public sealed class MigrationTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "trainservice-tests", Guid.NewGuid().ToString("N"));


    [Fact]
    public void EntityModel_HasNoChangeMissingFromEitherProvidersMigrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the entity model changed without a migration: run scripts/add_migration.sh <Name>");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the entity model changed without a migration: run scripts/add_migration.sh <Name>");
        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), postgres.Database.GetMigrations().Select(Name));
    }

    [Fact]
    public async Task FreshDataFolder_HasEveryMigrationApplied()
    {
        await using (var factory = new TrainServiceFactory { Settings = Settings(), Postgres = false })
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/jobs")).StatusCode);

        await using var db = OpenSqlite();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task DatabaseMadeByEnsureCreated_IsBaselined_KeepsItsJobs_AndTrains()
    {
        var oldJob = Guid.NewGuid();
        // The oldest shape real folders have: before events had warnings and before studies.
        await LegacyDataFolder.CreateAsync(folder, "ALTER TABLE PathologyEvents DROP COLUMN Warning; DROP TABLE StudyJobs; DROP TABLE Studies;");
        await using (var old = OpenSqlite())
            await InsertLegacyJobAsync(old, oldJob);

        for (int start = 0; start < 2; start++) // the second start finds the history and changes nothing
        {
            await using var factory = new TrainServiceFactory { Settings = Settings(), Postgres = false };
            var client = factory.CreateClient();
            var kept = await client.GetFromJsonAsync<JobResponse>($"/api/jobs/{oldJob}", ContractJson.Options);
            Assert.Equal("from-before", kept!.Name);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/studies")).StatusCode);
            Assert.Equal(JobStatus.Succeeded, (await client.SubmitAndWaitAsync(Specs.Xor(epochs: 1))).Status);
        }

        await using var db = OpenSqlite();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>A job row as the oldest schema holds it: SQL, since today's entity has columns that schema lacks.</summary>
    internal static Task InsertLegacyJobAsync(TrainDbContext db, Guid id)
    {
        string key = id.ToString().ToUpperInvariant(); // how EF Core stores a Guid in SQLite
        long createdAt = (long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        string spec = Specs.Xor(epochs: 1);
        return db.Database.ExecuteSqlAsync($"INSERT INTO Jobs (Id, Name, Status, SpecJson, CreatedAt, CancelRequested) VALUES ({key}, 'from-before', 'Succeeded', {spec}, {createdAt}, 0)");
    }

    Dictionary<string, string> Settings() => new() { ["TrainService:DataDirectory"] = folder };

    SqliteTrainDbContext OpenSqlite() => LegacyDataFolder.Open(folder);

    static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_') + 1)..];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
