using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

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
    public static TrainDbContext Create(DbContextOptions options, StorageKind storage) => storage == StorageKind.Postgres
        ? new PostgresTrainDbContext(options)
        : new SqliteTrainDbContext(options);
}

/// <summary>Every <see cref="TrainDbContext"/> the services ask for is the configured provider's subclass.</summary>
internal sealed class TrainDbContextFactory(DbContextOptions<TrainDbContext> options, IOptions<TrainServiceOptions> settings) : IDbContextFactory<TrainDbContext>
{
    public TrainDbContext CreateDbContext() => TrainDatabase.Create(options, settings.Value.Storage);
}
