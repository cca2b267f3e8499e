namespace TrainService.Models.Training;

/// <summary>
/// Recognises libtorch failures that say nothing about the spec or the data. TorchSharp 0.107
/// turns a plain number into a native Scalar for calls such as <c>add_(1e-8)</c> and keeps no
/// reference to it during the native call, so a garbage collection on another thread can free
/// it mid-call; libtorch then rejects the freed value with its check at c10/core/Scalar.h
/// ("Exception raised from toFloat"). Seen about once in a few hundred test jobs. Training is
/// deterministic and checkpointed, so such a run is simply resumed.
/// </summary>
public static class TransientTorchFailure
{
    public static bool Matches(Exception error) =>
        error.Message.Contains("c10/core/Scalar.h", StringComparison.Ordinal);
}
