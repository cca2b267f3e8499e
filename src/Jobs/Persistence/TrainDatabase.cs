using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TrainService.Jobs.Access;

namespace TrainService.Jobs.Persistence;

/// <summary>The provider behind <see cref="TrainDbContext"/>, chosen by TrainService:Storage.</summary>
internal static class TrainDatabase
{
    public static string SqlitePath(TrainServiceOptions settings) => Path.Combine(settings.DataDirectory, "trainservice.db");

    public static void Configure(DbContextOptionsBuilder db, TrainServiceOptions settings, IConfiguration configuration)
    {
        if (settings.Storage == StorageKind.Postgres)
            db.UseNpgsql(StorageConnection.Postgres(configuration));
        else
            db.UseSqlite($"Data Source={SqlitePath(settings)};Default Timeout=30").AddInterceptors(new SqlitePragmas());
    }

    /// <summary>The provider's own subclass, so that EF Core applies that provider's migrations.</summary>
    public static TrainDbContext Create(DbContextOptions options, StorageKind storage, OwnerVisibility visibility) => storage == StorageKind.Postgres
        ? new PostgresTrainDbContext(options, visibility)
        : new SqliteTrainDbContext(options, visibility);
}

/// <summary>Every <see cref="TrainDbContext"/> the services ask for is the configured provider's subclass.
/// Each shows what its caller may see: the owner of the request's API key, or everything for a worker.</summary>
internal sealed class TrainDbContextFactory(DbContextOptions<TrainDbContext> options, IOptions<TrainServiceOptions> settings, ICurrentOwner caller) : IDbContextFactory<TrainDbContext>
{
    public TrainDbContext CreateDbContext() => TrainDatabase.Create(options, settings.Value.Storage, caller.Current);
}
