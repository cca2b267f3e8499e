using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Data folders made before migrations existed: their schema came from EnsureCreated plus the
/// columns and tables later builds added when missing, and they have no __EFMigrationsHistory.
/// Such a database is brought to the shape of the first migration (what those builds would add)
/// and recorded as having applied it, so Migrate continues from there instead of failing on
/// tables that already exist. Frozen: later schema changes are migrations.
/// </summary>
internal static class LegacySchemaBaseline
{
    static readonly (string Table, string Column, string Type)[] LateColumns = [("PathologyEvents", "Warning", "TEXT")];

    static readonly string[] LateTables =
    [
        """
        CREATE TABLE IF NOT EXISTS "Studies" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_Studies" PRIMARY KEY,
            "Name" TEXT NOT NULL,
            "DefinitionJson" TEXT NOT NULL,
            "ArmsJson" TEXT NOT NULL,
            "CreatedAt" INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS "StudyJobs" (
            "StudyId" TEXT NOT NULL,
            "Arm" INTEGER NOT NULL,
            "Seed" INTEGER NOT NULL,
            "JobId" TEXT NOT NULL,
            CONSTRAINT "PK_StudyJobs" PRIMARY KEY ("StudyId", "Arm", "Seed"))
        """,
    ];

    /// <summary>True when the database was one made by EnsureCreated and is now baselined.</summary>
    public static async Task<bool> ApplyIfNeededAsync(TrainDbContext db, CancellationToken ct)
    {
        // PostgreSQL mode is newer than migrations: every such database has a history.
        if (!db.Database.IsSqlite()) return false;
        if (await TableExistsAsync(db, HistoryRepository.DefaultTableName, ct) || !await TableExistsAsync(db, "Jobs", ct))
            return false;

        foreach (var (table, column, type) in LateColumns)
        {
            int present = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM pragma_table_info({table}) WHERE name = {column}").SingleAsync(ct);
            if (present > 0) continue;
            // DDL takes no parameters; the names are the constants above, never input.
            string addColumn = "ALTER TABLE \"" + table + "\" ADD COLUMN \"" + column + "\" " + type + " NULL";
            await db.Database.ExecuteSqlRawAsync(addColumn, ct);
        }
        foreach (var statement in LateTables)
            await db.Database.ExecuteSqlRawAsync(statement, ct);

        var history = db.GetService<IHistoryRepository>();
        string efVersion = typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(db.Database.GetMigrations().First(), efVersion)), ct);
        return true;
    }

    static async Task<bool> TableExistsAsync(TrainDbContext db, string table, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {table}").SingleAsync(ct) > 0;
}
