using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TrainService.Jobs.Persistence;

namespace TrainService.Tests.Infrastructure;

/// <summary>
/// A data folder as builds before migrations left it: EnsureCreated made what the first migration makes
/// (same model, same DDL) and kept no history. <paramref name="olderStill"/> takes it further back
/// (columns and tables those builds added later).
/// </summary>
public static class LegacyDataFolder
{
    public static async Task CreateAsync(string folder, string olderStill = "")
    {
        Directory.CreateDirectory(folder);
        await using var db = Open(folder);
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        string dropHistory = "DROP TABLE __EFMigrationsHistory; " + olderStill;
        await db.Database.ExecuteSqlRawAsync(dropHistory);
    }

    internal static SqliteTrainDbContext Open(string folder) =>
        new(new DbContextOptionsBuilder<TrainDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "trainservice.db")};Pooling=False").Options);
}
