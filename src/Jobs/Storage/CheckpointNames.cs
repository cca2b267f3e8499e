namespace TrainService.Jobs.Storage;

/// <summary>The names checkpoints are saved and asked for by.</summary>
public static class CheckpointNames
{
    public const string Final = "final", Best = "best", Latest = "latest", Interrupted = "interrupted";

    /// <summary>A periodic checkpoint's name, e.g. epoch-000010.</summary>
    public static string Periodic(int epoch) => $"epoch-{epoch:D6}";
}
