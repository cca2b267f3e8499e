using System.Runtime.InteropServices;
using TorchSharp;

namespace TrainService.Models.Runtime;

/// <summary>
/// The process-wide side of libtorch, in one place: its thread pool and a probe that it computes.
/// The rest of the service talks to libtorch only through Models.
/// </summary>
public static class TorchRuntime
{
    /// <summary>
    /// Sizes libtorch's intra-op thread pool. Process-wide: set once at start-up, from validated
    /// options — a count ≤ 0 aborts the process inside libtorch instead of throwing.
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        torch.set_num_threads(threads);
    }

    /// <summary>True when libtorch loads and computes 1 + 1 = 2; false (never a crash) otherwise.</summary>
    public static bool Computes()
    {
        try
        {
            using var scope = torch.NewDisposeScope();
            return torch.ones(2).sum().item<float>() == 2f;
        }
        catch (Exception error) when (error is TypeInitializationException or DllNotFoundException or ExternalException)
        {
            return false;
        }
    }
}
