using Microsoft.EntityFrameworkCore;

namespace TrainService.Jobs.Persistence;

/// <summary>
/// Tables added after a data folder may already exist: EnsureCreated creates nothing on an
/// existing database, so each later table is created here when missing, with the DDL
/// EnsureCreated itself would emit (same names, types and keys).
/// </summary>
static class AdditiveTables
{
    static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS "Studies" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_Studies" PRIMARY KEY,
            "Name" TEXT NOT NULL,
            "DefinitionJson" TEXT NOT NULL,
            "ArmsJson" TEXT NOT NULL,
            "CreatedAt" INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS "StudyJobs" (
            "StudyId" TEXT NOT NULL,
            "Arm" INTEGER NOT NULL,
            "Seed" INTEGER NOT NULL,
            "JobId" TEXT NOT NULL,
            CONSTRAINT "PK_StudyJobs" PRIMARY KEY ("StudyId", "Arm", "Seed"))
        """,
    ];

    public static async Task AddMissingAsync(TrainDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var statement in Statements)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
    }
}
