using Microsoft.EntityFrameworkCore;

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
            ? await PostgresAdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, PostgresKey, ct)
            : await FileLock.AcquireAsync(db.Database.GetDbConnection().DataSource + ".migrate.lock", ct);

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
