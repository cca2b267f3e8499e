using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TrainService.Jobs;

/// <summary>TrainService:Storage. Bound case-insensitively from "sqlite" or "postgres".</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}

public static class StorageConnection
{
    /// <summary>ConnectionStrings:TrainService (env ConnectionStrings__TrainService): app data and Hangfire's queue in postgres mode.</summary>
    public const string Name = "TrainService";

    public static string Postgres(IConfiguration configuration) =>
        configuration.GetConnectionString(Name) is { Length: > 0 } connection ? connection
            : throw new OptionsValidationException(TrainServiceOptions.Section, typeof(TrainServiceOptions),
                ["TrainService:Storage is postgres, so ConnectionStrings:TrainService (env ConnectionStrings__TrainService) must hold an Npgsql connection string."]);
}
