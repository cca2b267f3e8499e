using TrainService.Contracts.Specs;
using TrainService.Models.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Measures the network layer by layer at sampled steps: forward hooks on each top-level module
/// record activation statistics, and after the optimizer step the gradients (still in
/// <c>.grad</c>) and the weight change since a snapshot taken just before the step give gradient
/// norms and update/weight ratios. Read-only: it never writes a parameter, a gradient or an RNG.
/// A "layer" is a top-level child of the built <c>Sequential</c>; layers with parameters get
/// gradient and update figures, every layer gets activation figures.
/// </summary>
public sealed class LayerDiagnostics : IDisposable
{
    readonly DiagnosticsSpec spec;
    readonly SamplingSchedule schedule;
    readonly Action<DiagnosticSample> sink;
    readonly List<(string Name, Parameter[] Parameters)> parameterised = [];
    readonly List<(string Name, nn.Module<Tensor, Tensor> Module, ActivationKind Kind)> observable = [];
    readonly List<IDisposable> hooks = [];
    readonly ActivationProbe activations = new();
    Tensor[]? snapshot;
    bool armed;

    LayerDiagnostics(nn.Module<Tensor, Tensor> model, DiagnosticsSpec spec, Action<DiagnosticSample> sink)
    {
        this.spec = spec;
        this.sink = sink;
        schedule = new SamplingSchedule(spec);
        foreach (var (name, child) in model.named_children())
        {
            Layers.Add(name);
            var parameters = child.parameters().Where(p => p.requires_grad).ToArray();
            if (parameters.Length > 0) parameterised.Add((name, parameters));
            if (child is nn.Module<Tensor, Tensor> module) observable.Add((name, module, ActivationFamilies.Of(module)));
        }
    }

    /// <summary>Every top-level module, in network order.</summary>
    public List<string> Layers { get; } = [];

    public IReadOnlyList<string> ParameterisedLayers => parameterised.Select(p => p.Name).ToList();

    /// <summary>Hooks into a session's model at the step it stands at; callers outside Models never touch the module itself.</summary>
    public static LayerDiagnostics Attach(Training.TrainingSession session, DiagnosticsSpec spec, Action<DiagnosticSample> sink) =>
        Attach(session.Model, spec, session.Progress, sink);

    /// <summary>Hooks into <paramref name="model"/>; <paramref name="progress"/> says which step comes next (a resumed run continues mid-way).</summary>
    public static LayerDiagnostics Attach(nn.Module<Tensor, Tensor> model, DiagnosticsSpec spec, TrainingProgress progress, Action<DiagnosticSample> sink)
    {
        var diagnostics = new LayerDiagnostics(model, spec, sink);
        diagnostics.Prepare(progress.GlobalStep + 1, progress.Epoch, progress.StepInEpoch == 0);
        return diagnostics;
    }

    void OnForward(string layer, nn.Module module, ActivationKind kind, Tensor input, Tensor output)
    {
        // Evaluation passes (validation, test) run with training off; only the sampled training step counts.
        if (armed && module.training && output.shape.Length > 0 && output.shape[0] > 0)
            activations.Measure(layer, kind, input, output, spec.SaturationInput);
    }

    /// <summary>After each optimizer step: measures a sampled step, then prepares the next one.</summary>
    public void OnStep(StepMetrics step)
    {
        if (armed)
        {
            var values = activations.Read().ToList();
            values.AddRange(GradientFigures.Measure(parameterised, snapshot));
            sink(new DiagnosticSample(step.Step, step.Epoch, values, ParameterisedLayers));
        }
        Prepare(step.Step + 1, step.Epoch, firstStepOfEpoch: false);
    }

    /// <summary>After each epoch; <paramref name="nextEpoch"/> is the epoch about to start.</summary>
    public void OnEpochEnd(long completedSteps, int nextEpoch) => Prepare(completedSteps + 1, nextEpoch, firstStepOfEpoch: true);

    void Prepare(long nextStep, int epoch, bool firstStepOfEpoch)
    {
        Release();
        armed = schedule.IsSampled(nextStep, epoch, firstStepOfEpoch);
        if (!armed) return;
        snapshot = GradientFigures.Snapshot(parameterised);
        // Hooks exist only for the sampled step: an unsampled step runs the bare network.
        foreach (var (name, module, kind) in observable)
            hooks.Add(ForwardHooks.Register(module, (input, output) => OnForward(name, module, kind, input, output)));
    }

    void Release()
    {
        activations.Clear();
        armed = false;
        foreach (var hook in hooks) hook.Dispose();
        hooks.Clear();
        if (snapshot is null) return;
        foreach (var t in snapshot) t.Dispose();
        snapshot = null;
    }

    public void Dispose()
    {
        Release();
        activations.Dispose();
    }
}
