using Microsoft.EntityFrameworkCore;

namespace TrainService.Jobs.Persistence;

/// <summary>The model on SQLite (the embedded default); its migrations are in Persistence/Migrations/Sqlite.</summary>
internal sealed class SqliteTrainDbContext(DbContextOptions options) : TrainDbContext(options);

/// <summary>The model on PostgreSQL (TrainService:Storage = postgres); its migrations are in Persistence/Migrations/Postgres.</summary>
internal sealed class PostgresTrainDbContext(DbContextOptions options) : TrainDbContext(options);
