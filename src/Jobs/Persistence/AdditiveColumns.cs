using Microsoft.EntityFrameworkCore;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Columns added after a data folder may already exist: EnsureCreated leaves an existing schema
/// as it is, so each nullable column added later is added here when missing, or reads of the
/// table would fail on an older database. (A migration history is the lasting fix.) Each is
/// nullable or has a default, so the rows already there get a value.
/// </summary>
static class AdditiveColumns
{
    static readonly (string Table, string Column, string Type)[] Columns =
    [
        ("PathologyEvents", "Warning", "TEXT NULL"),
        // Rows made before keys existed belong to no owner: only admins see them in keys mode.
        ("Jobs", "Owner", "TEXT NOT NULL DEFAULT ''"),
        ("Datasets", "Owner", "TEXT NOT NULL DEFAULT ''"),
        ("Studies", "Owner", "TEXT NOT NULL DEFAULT ''"),
    ];

    public static async Task AddMissingAsync(TrainDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var (table, column, type) in Columns)
        {
            // A table older than this step is created whole, with the column, by AdditiveTables.
            if (await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM pragma_table_info({table})").SingleAsync(ct) == 0) continue;
            int present = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM pragma_table_info({table}) WHERE name = {column}").SingleAsync(ct);
            if (present > 0) continue;
            // DDL takes no parameters; the names are the constants above, never input.
            string addColumn = "ALTER TABLE \"" + table + "\" ADD COLUMN \"" + column + "\" " + type;
            await db.Database.ExecuteSqlRawAsync(addColumn, ct);
        }
    }
}
