using TorchSharp;

namespace TrainService.Tests.Unit;

/// <summary>Fails when the native libtorch cannot load on this machine (the build's GLIBCXX patch missing or broken).</summary>
public sealed class TorchSharpLoadingTests
{
    [Fact]
    public void Libtorch_LoadsAndComputes()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var product = a.mm(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Autograd_ComputesGradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(3.0f).requires_grad_();
        (x * x).backward();
        Assert.Equal(6.0f, x.grad!.item<float>());
    }
}
