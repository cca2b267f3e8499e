using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Inserts many rows of one mapped type as multi-row INSERT statements, bypassing EF Core's change
/// tracker. The metrics writer stores thousands of rows per small job: through SaveChanges each row
/// cost ~20 µs of tracking and command building, more CPU beside a small job's training thread than
/// the rest of the service together (README, "Many small jobs at once"). Table, column names and
/// parameter conversions come from the EF model and the provider's type mappings, so the rows are
/// stored exactly as SaveChanges would store them, on either provider. The caller owns the transaction.
/// </summary>
internal static class RowInserts
{
    /// <summary>
    /// Rows per statement. PostgreSQL: many, since each statement is a round trip (200 rows stay far
    /// below its 65,535 parameters). SQLite runs in process but binds parameters by name, and finding a
    /// name scans the statement's names: a few rows per statement keep that scan short.
    /// </summary>
    static int RowsPerStatement(TrainDbContext db) => db.Database.IsSqlite() ? 16 : 200;

    public static async Task InsertAsync<T>(TrainDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new Column(
            p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.IsNullable, p.GetGetter().GetClrValueUsingContainingEntity)).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        string into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        int perStatement = RowsPerStatement(db);
        // One command per statement size: SQLite prepares the full-size statement once per call, not once per chunk.
        DbCommand? full = null, tail = null;
        try
        {
            for (int start = 0; start < rows.Count; start += perStatement)
            {
                int count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? full ??= Command(connection, transaction, into, columns.Length, count) : tail = Command(connection, transaction, into, columns.Length, count);
                command.Parameters.Clear();
                for (int r = 0; r < count; r++)
                    for (int c = 0; c < columns.Length; c++)
                        command.Parameters.Add(columns[c].Mapping.CreateParameter(command, $"@p{r}_{c}", columns[c].Read(rows[start + r]), columns[c].Nullable));
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
            if (tail is not null) await tail.DisposeAsync();
        }
    }

    sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Read);

    static DbCommand Command(DbConnection connection, DbTransaction? transaction, string into, int columns, int rows)
    {
        var text = new StringBuilder(into);
        for (int r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) text.Append(c == 0 ? "" : ", ").Append("@p").Append(r).Append('_').Append(c);
            text.Append(')');
        }
        var command = connection.CreateCommand();
        command.CommandText = text.ToString();
        command.Transaction = transaction;
        return command;
    }
}
