#!/usr/bin/env bash
# Adds one EF Core migration for both database providers, from the current entity model:
#   scripts/add_migration.sh AddJobOwner
# SQLite's lands in src/Jobs/Persistence/Migrations/Sqlite, PostgreSQL's in .../Postgres. Commit both
# (and the two *ModelSnapshot.cs files it updates). Start-up applies pending migrations by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add_migration.sh <MigrationName>}"

dotnet tool restore >/dev/null
dotnet build src/Jobs -v quiet -nologo >/dev/null
for provider in Sqlite Postgres; do
    dotnet ef migrations add "$name" --no-build \
        --project src/Jobs --startup-project src/Jobs \
        --context "${provider}TrainDbContext" \
        --output-dir "Persistence/Migrations/$provider"
done
