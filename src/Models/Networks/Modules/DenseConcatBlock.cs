using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>DenseNet-style block: concatenates the input with the branch's output along dimension 1 (features or channels).</summary>
public sealed class DenseConcatBlock : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> branch;

    public DenseConcatBlock(nn.Module<Tensor, Tensor> branch) : base("dense_concat")
    {
        this.branch = branch;
        RegisterComponents();
    }

    public override Tensor forward(Tensor h) => cat([h, branch.forward(h)], 1);
}
