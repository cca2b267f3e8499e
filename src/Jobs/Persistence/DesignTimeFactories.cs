using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TrainService.Jobs.Persistence;

// Used only by `dotnet ef migrations add` (scripts/add_migration.sh): adding a migration needs the
// provider, not a server, so neither connection string is ever opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTrainDbContext>
{
    public SqliteTrainDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrainDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTrainDbContext>
{
    public PostgresTrainDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrainDbContext>().UseNpgsql("Host=design-time.invalid").Options);
}
