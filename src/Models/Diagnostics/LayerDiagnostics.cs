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
/// gradient and update figures, every layer gets activation figures. On the CPU the figures are
/// computed in C# over the tensors' memory (no libtorch operator calls, which cost more than the arithmetic
/// on small networks); elsewhere through libtorch with one host read. Each half chooses once, at attach.
/// </summary>
public sealed class LayerDiagnostics : IDisposable
{
    readonly SamplingSchedule schedule;
    readonly Action<DiagnosticSample> sink;
    readonly List<(string Name, Parameter[] Parameters)> parameterised = [];
    readonly List<(string Name, nn.Module<Tensor, Tensor> Module, ActivationKind Kind)> observable = [];
    readonly List<IDisposable> hooks = [];
    readonly ActivationProbe activations;
    readonly GradientFigures gradients;
    readonly string[] parameterisedNames;
    bool armed;

    LayerDiagnostics(nn.Module<Tensor, Tensor> model, DiagnosticsSpec spec, FlatParameters? flat, Action<DiagnosticSample> sink, bool allowHost)
    {
        this.sink = sink;
        schedule = new SamplingSchedule(spec);
        foreach (var (name, child) in model.named_children())
        {
            Layers.Add(name);
            var parameters = child.parameters().Where(p => p.requires_grad).ToArray();
            if (parameters.Length > 0) parameterised.Add((name, parameters));
            if (child is nn.Module<Tensor, Tensor> module) observable.Add((name, module, ActivationFamilies.Of(module)));
        }
        parameterisedNames = parameterised.Select(p => p.Name).ToArray();
        var device = model.parameters().FirstOrDefault()?.device ?? CPU;
        activations = new ActivationProbe(observable.Select(o => (o.Name, o.Kind)).ToList(), spec.SaturationInput, device, allowHost);
        gradients = new GradientFigures(parameterised, flat, allowHost);
    }

    /// <summary>Every top-level module, in network order.</summary>
    public List<string> Layers { get; } = [];

    public IReadOnlyList<string> ParameterisedLayers => parameterisedNames;

    /// <summary>Whether every figure is computed on the host (CPU float32 tensors), with no libtorch operator call.</summary>
    public bool ComputesOnHost => activations.OnHost && gradients.OnHost;

    /// <summary>Hooks into a session's model at the step it stands at; callers outside Models never touch the module itself.</summary>
    public static LayerDiagnostics Attach(Training.TrainingSession session, DiagnosticsSpec spec, Action<DiagnosticSample> sink) =>
        Attach(session.Model, spec, session.Progress, sink, session.FlatLayout);

    /// <summary>
    /// Hooks into <paramref name="model"/>; <paramref name="progress"/> says which step comes next (a resumed run continues mid-way).
    /// <paramref name="flat"/>: the parameters' flat layout, when they have one (the gradient figures then read it directly).
    /// <paramref name="allowHost"/>: false keeps every figure on the libtorch path even on the CPU (tests compare the two).
    /// </summary>
    public static LayerDiagnostics Attach(nn.Module<Tensor, Tensor> model, DiagnosticsSpec spec, TrainingProgress progress, Action<DiagnosticSample> sink, FlatParameters? flat = null, bool allowHost = true)
    {
        var diagnostics = new LayerDiagnostics(model, spec, flat, sink, allowHost);
        diagnostics.Prepare(progress.GlobalStep + 1, progress.Epoch, progress.StepInEpoch == 0);
        return diagnostics;
    }

    void OnForward(int index, nn.Module module, Tensor input, Tensor output)
    {
        // Evaluation passes (validation, test) run with training off; only the sampled training step counts.
        if (armed && module.training && output.dim() > 0 && output.size(0) > 0)
            activations.Measure(index, input, output);
        // The last module ends the forward pass: its figures and the others' go to the device buffer while they still exist.
        if (armed && index == observable.Count - 1) activations.Gather();
    }

    /// <summary>After each optimizer step: measures a sampled step, then prepares the next one.</summary>
    public void OnStep(StepMetrics step)
    {
        if (armed) sink(new DiagnosticSample(step.Step, step.Epoch, Measure(), ParameterisedLayers));
        Prepare(step.Step + 1, step.Epoch, firstStepOfEpoch: false);
    }

    /// <summary>
    /// Every figure of the sampled step: what the host path computed, and what the device path left
    /// on the device (the activation statistics the hooks gathered, the gradient sums) in one read.
    /// </summary>
    List<LayerValue> Measure()
    {
        if (activations.OnHost && gradients.OnHost)
        {
            var onHost = activations.Read(activations.HostValues);
            onHost.AddRange(gradients.Read(parameterisedNames, gradients.HostSums()));
            return onHost;
        }
        using var scope = NewDisposeScope();
        var onDevice = new List<Tensor>(2);
        if (!activations.OnHost) onDevice.Add(activations.Values);
        if (!gradients.OnHost) onDevice.Add(gradients.Sums());
        // The activation figures are float64 already; gradient sums alone are the parameters' type.
        var all = cat(onDevice).to_type(ScalarType.Float64);
        var values = (all.device_type == TorchSharp.DeviceType.CPU ? all : all.cpu()).data<double>().ToArray().AsSpan();
        int activationCount = activations.OnHost ? 0 : (int)activations.Values.shape[0];
        var figures = activations.Read(activations.OnHost ? activations.HostValues : values[..activationCount]);
        figures.AddRange(gradients.Read(parameterisedNames, gradients.OnHost ? gradients.HostSums() : values[activationCount..]));
        return figures;
    }

    /// <summary>After each epoch; <paramref name="nextEpoch"/> is the epoch about to start.</summary>
    public void OnEpochEnd(long completedSteps, int nextEpoch) => Prepare(completedSteps + 1, nextEpoch, firstStepOfEpoch: true);

    void Prepare(long nextStep, int epoch, bool firstStepOfEpoch)
    {
        Release();
        armed = schedule.IsSampled(nextStep, epoch, firstStepOfEpoch);
        if (!armed) return;
        gradients.Snapshot();
        // Hooks exist only for the sampled step: an unsampled step runs the bare network.
        for (int i = 0; i < observable.Count; i++)
        {
            int index = i;
            var module = observable[i].Module;
            hooks.Add(ForwardHooks.Register(module, (input, output) => OnForward(index, module, input, output)));
        }
    }

    void Release()
    {
        activations.Clear();
        gradients.Release();
        armed = false;
        foreach (var hook in hooks) hook.Dispose();
        hooks.Clear();
    }

    public void Dispose()
    {
        Release();
        activations.Dispose();
        gradients.Dispose();
    }
}
