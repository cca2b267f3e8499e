using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Held while one process brings the schema up to date, so that processes starting at the same
/// time (an api and two workers) migrate one after another instead of racing: the second waits,
/// then finds nothing left to apply.
/// </summary>
internal static class MigrationLock
{
    // Any fixed 64-bit number; it only has to differ from other applications' advisory locks on the same server.
    const long PostgresKey = 0x54_72_61_69_6E_53_76_63; // "TrainSvc"

    public static async Task<IAsyncDisposable> AcquireAsync(TrainDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await PostgresAdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, ct)
            : await FileLock.AcquireAsync(db.Database.GetDbConnection().DataSource + ".migrate.lock", ct);

    /// <summary>A session-level pg_advisory_lock on its own connection; closing the connection releases it even if the process dies.</summary>
    sealed class PostgresAdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<PostgresAdvisoryLock> AcquireAsync(string connectionString, CancellationToken ct)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", PostgresKey);
            command.CommandTimeout = 0; // waits as long as the other process migrates
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresAdvisoryLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", PostgresKey);
            await command.ExecuteNonQueryAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>An exclusive open of a file beside the SQLite database; the OS drops it with the process.</summary>
    sealed class FileLock(FileStream file) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string path, CancellationToken ct)
        {
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                }
            }
        }

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
