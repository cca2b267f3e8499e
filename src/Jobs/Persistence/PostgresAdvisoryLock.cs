using Npgsql;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// A session-level pg_advisory_lock on its own connection: one process at a time, whichever machine
/// it runs on. Closing the connection releases it even if the process dies.
/// </summary>
internal sealed class PostgresAdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
{
    /// <summary>Waits as long as another process holds the lock.</summary>
    public static async Task<PostgresAdvisoryLock> AcquireAsync(string connectionString, long key, CancellationToken ct) =>
        (await LockAsync(connectionString, key, wait: true, ct))!;

    /// <summary>Null, at once, when another process holds the lock.</summary>
    public static Task<PostgresAdvisoryLock?> TryAcquireAsync(string connectionString, long key, CancellationToken ct) =>
        LockAsync(connectionString, key, wait: false, ct);

    static async Task<PostgresAdvisoryLock?> LockAsync(string connectionString, long key, bool wait, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock(@key)" : "SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            command.CommandTimeout = 0; // pg_advisory_lock waits as long as the holder needs
            // pg_advisory_lock returns nothing once it holds the lock; pg_try_advisory_lock, whether it got it.
            if (await command.ExecuteScalarAsync(ct) is false)
            {
                await connection.DisposeAsync();
                return null;
            }
            return new PostgresAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync();
        await connection.DisposeAsync();
    }
}
