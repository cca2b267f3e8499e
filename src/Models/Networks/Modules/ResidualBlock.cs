using static TorchSharp.torch;

namespace TrainService.Models.Networks.Modules;

/// <summary>
/// h ← post(skip(h) + f(pre(h))). With stochastic depth p the branch is skipped for a whole
/// training batch with probability p (a seeded draw) and scaled by 1 − p in eval, so the
/// expected output matches (Huang et al. 2016).
/// </summary>
public sealed class ResidualBlock : SeededModule
{
    readonly nn.Module<Tensor, Tensor> branch;
    readonly nn.Module<Tensor, Tensor> projection;
    readonly nn.Module<Tensor, Tensor> pre;
    readonly nn.Module<Tensor, Tensor> post;
    readonly double dropProbability;

    public ResidualBlock(nn.Module<Tensor, Tensor> branch, nn.Module<Tensor, Tensor>? projection,
        nn.Module<Tensor, Tensor>? pre, nn.Module<Tensor, Tensor>? post, double dropProbability, ulong seed)
        : base("residual", seed)
    {
        this.branch = branch;
        this.projection = projection ?? nn.Identity();
        this.pre = pre ?? nn.Identity();
        this.post = post ?? nn.Identity();
        this.dropProbability = dropProbability;
        RegisterComponents();
    }

    public override Tensor forward(Tensor h)
    {
        var skip = projection.forward(h);
        if (training && dropProbability > 0 && rand(1, generator: Generator).item<float>() < dropProbability)
            return post.forward(skip);
        var f = branch.forward(pre.forward(h));
        if (!training && dropProbability > 0) f = f * (1 - dropProbability);
        return post.forward(skip + f);
    }
}
