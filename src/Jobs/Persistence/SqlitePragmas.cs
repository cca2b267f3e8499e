using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Per-connection settings. synchronous=NORMAL is a per-connection setting: in WAL mode it stays safe against a killed
/// process (only an OS crash can lose the last commits) and makes each metric/checkpoint commit
/// far cheaper than the default FULL.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>
    /// busy_timeout: a writer that finds the database locked by another connection's commit waits in
    /// SQLite's own busy handler (sleeps of 1, 2, 5, 10 ms … while the lock lasts). Without it SQLite
    /// returns SQLITE_BUSY at once and Microsoft.Data.Sqlite sleeps 150 ms before retrying: with two jobs
    /// training at once, their metric, checkpoint and status commits collided and each collision stalled
    /// a job for 150 ms (README, "Many small jobs at once"). Same limit as the connection's Default Timeout.
    /// </summary>
    const int BusyTimeoutMs = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMs};";
        command.ExecuteNonQuery();
    }
}
