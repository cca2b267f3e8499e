namespace TrainService.Jobs;

/// <summary>TrainService:Storage. Bound case-insensitively from "sqlite" or "postgres".</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
