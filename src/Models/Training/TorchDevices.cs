using TrainService.Contracts.Specs;
using TorchSharp;

namespace TrainService.Models.Training;

/// <summary>Maps the spec's device to a TorchSharp device and says whether it exists here.</summary>
public static class TorchDevices
{
    public static bool IsAvailable(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => true,
        ComputeDevice.Cuda => torch.cuda.is_available(),
        _ => false,
    };

    public static torch.Device Resolve(ComputeDevice device) => device switch
    {
        ComputeDevice.Cuda => torch.CUDA,
        _ => torch.CPU,
    };
}
