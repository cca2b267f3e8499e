using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>h ← T∘act(W_H h + b_H) + (1 − T)∘h, T = σ(W_T h + b_T); b_T starts at the gate bias (negative: carry first).</summary>
public sealed class HighwayLayer : nn.Module<Tensor, Tensor>
{
    readonly Linear transform;
    readonly Linear gate;
    readonly nn.Module<Tensor, Tensor> activation;
    readonly double gateBias;

    public HighwayLayer(int width, nn.Module<Tensor, Tensor> activation, double gateBias) : base("highway")
    {
        transform = nn.Linear(width, width);
        gate = nn.Linear(width, width);
        this.activation = activation;
        this.gateBias = gateBias;
        ResetGateBias();
        RegisterComponents();
    }

    /// <summary>Puts b_T back to the gate bias, after initialisers that set every bias.</summary>
    public void ResetGateBias()
    {
        using var noGrad = no_grad();
        using var value = gateBias.ToScalar();
        gate.bias!.fill_(value);
    }

    public override Tensor forward(Tensor h)
    {
        var t = sigmoid(gate.forward(h));
        return t * activation.forward(transform.forward(h)) + (1 - t) * h;
    }
}
