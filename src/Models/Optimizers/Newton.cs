using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Optimizers;

/// <summary>
/// Damped Newton: θ ← θ − η(H + δI)⁻¹g. H is exact: each of its n rows is the gradient of one
/// entry of g (computed with create_graph) — n extra backward passes, which is why validation
/// caps n. The system is solved in float64 because H of a small network is often ill-conditioned.
/// </summary>
public sealed class Newton(IEnumerable<Parameter> parameters, double lr, double damping) : ITrainingOptimizer
{
    readonly Parameter[] parameters = parameters.ToArray();

    public double LearningRate { get; set; } = lr;
    public long StepCount { get; private set; }
    public bool Converged => false;

    public void Step(ILossClosure closure)
    {
        // No dispose scope of its own: the closure's first output must outlive this call (the trainer's step scope frees everything).
        var loss = closure.Loss();
        var gradient = cat(Flatten(autograd.grad([loss], parameters, retain_graph: true, create_graph: true, allow_unused: true)), 0);
        int n = (int)gradient.shape[0];
        var rows = new Tensor[n];
        for (int i = 0; i < n; i++)
            rows[i] = cat(Flatten(autograd.grad([gradient[i]], parameters, retain_graph: true, allow_unused: true)), 0);
        using var noGrad = no_grad();
        var hessian = stack(rows).to(ScalarType.Float64);
        hessian.diagonal().add_(damping);
        var direction = linalg.solve(hessian, gradient.detach().to(ScalarType.Float64).unsqueeze(1)).squeeze(1).to(gradient.dtype);
        long offset = 0;
        foreach (var p in parameters)
        {
            p.add_(direction.narrow(0, offset, p.numel()).view_as(p), alpha: -LearningRate);
            offset += p.numel();
        }
        StepCount++;
    }

    /// <summary>Flattens per-parameter derivatives; a parameter the output does not depend on contributes zeros.</summary>
    Tensor[] Flatten(IList<Tensor> derivatives) =>
        derivatives.Select((d, i) => d is null || d.IsInvalid ? zeros(parameters[i].numel(), dtype: parameters[i].dtype, device: parameters[i].device) : d.reshape(-1)).ToArray();

    public void SaveState(Stream destination)
    {
        using var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        StateIo.WriteHeader(writer, nameof(Newton), StepCount, LearningRate);
    }

    public void LoadState(Stream source)
    {
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        (StepCount, LearningRate) = StateIo.ReadHeader(reader, nameof(Newton));
    }

    public void Dispose() { }
}
