namespace TrainService.Jobs;

/// <summary>TrainService:Role. One binary, three jobs: bound case-insensitively from "all", "api" or "worker".</summary>
public enum ServiceRole
{
    /// <summary>Serves the API and trains: the embedded default.</summary>
    All,
    /// <summary>Serves the API and enqueues; trains nothing.</summary>
    Api,
    /// <summary>Trains; serves only health and metrics.</summary>
    Worker,
}

public static class ServiceRoles
{
    public static bool Trains(this ServiceRole role) => role != ServiceRole.Api;

    public static bool ServesApi(this ServiceRole role) => role != ServiceRole.Worker;
}
