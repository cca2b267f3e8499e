using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>hard_tanh as clip(z, −1, 1). TorchSharp's Hardtanh returns its input unchanged (see the pitfalls note).</summary>
public sealed class ClampTanh() : nn.Module<Tensor, Tensor>("hard_tanh")
{
    public override Tensor forward(Tensor z) => z.clamp(-1.0, 1.0);
}

/// <summary>The sigmoid approximation of GELU, z·σ(1.702z), which TorchSharp does not offer.</summary>
public sealed class SigmoidGelu() : nn.Module<Tensor, Tensor>("gelu_sigmoid")
{
    public override Tensor forward(Tensor z) => z * sigmoid(z * 1.702);
}
