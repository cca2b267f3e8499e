using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// synchronous=NORMAL is a per-connection setting: in WAL mode it stays safe against a killed
/// process (only an OS crash can lose the last commits) and makes each metric/checkpoint commit
/// far cheaper than the default FULL.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
