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
            "CreatedAt" INTEGER NOT NULL,
            "Owner" TEXT NOT NULL DEFAULT '')
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
        CREATE TABLE IF NOT EXISTS "ApiKeys" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
            "Prefix" TEXT NOT NULL,
            "Hash" TEXT NOT NULL,
            "Name" TEXT NOT NULL,
            "Owner" TEXT NOT NULL,
            "Scopes" TEXT NOT NULL,
            "CreatedAt" INTEGER NOT NULL,
            "RevokedAt" INTEGER NULL)
        """,
        """CREATE INDEX IF NOT EXISTS "IX_ApiKeys_Prefix" ON "ApiKeys" ("Prefix")""",
        """CREATE UNIQUE INDEX IF NOT EXISTS "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash")""",
        // Idempotency keys became unique per owner (runs after AdditiveColumns added Jobs.Owner).
        "DROP INDEX IF EXISTS \"IX_Jobs_IdempotencyKey\"",
        """CREATE UNIQUE INDEX IF NOT EXISTS "IX_Jobs_Owner_IdempotencyKey" ON "Jobs" ("Owner", "IdempotencyKey")""",
    ];

    public static async Task AddMissingAsync(TrainDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var statement in Statements)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
    }
}
