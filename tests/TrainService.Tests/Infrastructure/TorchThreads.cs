using System.Runtime.CompilerServices;
using TorchSharp;

namespace TrainService.Tests.Infrastructure;

static class TorchThreads
{
    /// <summary>
    /// The service runs libtorch on one intra-op thread per worker; unit tests that never start a
    /// service would otherwise run on libtorch's default (all cores), where this build's conv2d
    /// backward returns NaN input gradients in most trials (see the catalog section of the README).
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneThread() => torch.set_num_threads(1);
}
