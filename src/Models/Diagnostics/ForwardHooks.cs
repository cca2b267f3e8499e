using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>Registers an observing forward hook that leaves the module's output as it is.</summary>
static class ForwardHooks
{
    public static IDisposable Register(nn.Module<Tensor, Tensor> module, Action<Tensor, Tensor> observe)
    {
        var handle = module.register_forward_hook((_, input, output) =>
        {
            observe(input, output);
            return output;
        });
        return new Removal(handle.remove);
    }

    sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
