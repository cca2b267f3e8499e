using Microsoft.EntityFrameworkCore;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Columns added after a data folder may already exist: EnsureCreated leaves an existing schema
/// as it is, so each nullable column added later is added here when missing, or reads of the
/// table would fail on an older database. (A migration history is the lasting fix.)
/// </summary>
static class AdditiveColumns
{
    static readonly (string Table, string Column, string Type)[] Columns = [("PathologyEvents", "Warning", "TEXT"), ("Jobs", "EpochBudget", "INTEGER"), ("Studies", "HalvingRung", "INTEGER")];

    public static async Task AddMissingAsync(TrainDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var (table, column, type) in Columns)
        {
            int present = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM pragma_table_info({table}) WHERE name = {column}").SingleAsync(ct);
            if (present > 0) continue;
            // DDL takes no parameters; the names are the constants above, never input.
            string addColumn = "ALTER TABLE \"" + table + "\" ADD COLUMN \"" + column + "\" " + type + " NULL";
            await db.Database.ExecuteSqlRawAsync(addColumn, ct);
        }
    }
}
