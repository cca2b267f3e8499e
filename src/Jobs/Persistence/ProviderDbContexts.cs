using Microsoft.EntityFrameworkCore;
using TrainService.Jobs.Access;

namespace TrainService.Jobs.Persistence;

/// <summary>The model on SQLite (the embedded default); its migrations are in Persistence/Migrations/Sqlite.</summary>
internal sealed class SqliteTrainDbContext(DbContextOptions options, OwnerVisibility visibility) : TrainDbContext(options, visibility)
{
    public SqliteTrainDbContext(DbContextOptions options) : this(options, OwnerVisibility.Everything) { }
}

/// <summary>The model on PostgreSQL (TrainService:Storage = postgres); its migrations are in Persistence/Migrations/Postgres.</summary>
internal sealed class PostgresTrainDbContext(DbContextOptions options, OwnerVisibility visibility) : TrainDbContext(options, visibility)
{
    public PostgresTrainDbContext(DbContextOptions options) : this(options, OwnerVisibility.Everything) { }
}
