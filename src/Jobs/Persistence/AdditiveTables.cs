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
        """
        CREATE TABLE IF NOT EXISTS "SuiteRuns" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_SuiteRuns" PRIMARY KEY,
            "Suite" TEXT NOT NULL,
            "SuiteVersion" INTEGER NOT NULL,
            "Size" TEXT NOT NULL,
            "Trigger" TEXT NOT NULL,
            "CreatedAt" INTEGER NOT NULL,
            "ClaimedAt" INTEGER NULL,
            "ServiceVersion" TEXT NOT NULL,
            "MachineJson" TEXT NOT NULL,
            "MachineKey" TEXT NOT NULL,
            "StudiesJson" TEXT NULL,
            "Error" TEXT NULL)
        """,
        """CREATE INDEX IF NOT EXISTS "IX_SuiteRuns_Suite_CreatedAt" ON "SuiteRuns" ("Suite", "CreatedAt")""",
        """
        CREATE TABLE IF NOT EXISTS "SuiteSchedules" (
            "Suite" TEXT NOT NULL CONSTRAINT "PK_SuiteSchedules" PRIMARY KEY,
            "Cron" TEXT NOT NULL,
            "Size" TEXT NOT NULL)
        """,
    ];

    public static async Task AddMissingAsync(TrainDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var statement in Statements)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
    }
}
