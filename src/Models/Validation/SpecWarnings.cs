using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs;
using TrainService.Models.Networks;
using static TrainService.Contracts.Responses.SpecWarningCodes;

namespace TrainService.Models.Validation;

/// <summary>
/// Warnings before a run goes wrong: valid specs the course predicts will train badly. They read
/// the spec alone (no dataset, no tensors), so the worker can recompute them to link the
/// pathology events they predicted.
/// </summary>
public static class SpecWarnings
{
    /// <summary>Deep enough to vanish (sigmoid/tanh) or shrink (ReLU with a non-He init).</summary>
    public const int SaturatingDepth = 6, ReluDepth = 5, LongSequence = 50, MinBatchNormBatch = 8, NewtonParameters = 300;
    public const double LargeSgdLr = 0.01;

    /// <summary>One activation in the network: where it sits and the weight init of the layer that feeds it.</summary>
    sealed record Site(Activation Function, string Path, string? InitPath, InitSpec? Init);

    public static IReadOnlyList<SpecWarning> Find(TrainingSpec spec)
    {
        var warnings = new List<SpecWarning>();
        var lists = LayerLists(spec.Model.Layers, "$.model.layers").ToList();
        var layers = lists.SelectMany(l => l.Layers.Select((layer, i) => (Layer: layer, Path: $"{l.Path}[{i}]"))).ToList();
        var sites = lists.SelectMany(l => Sites(l.Layers, l.Path, spec.Model.Init)).ToList();
        bool normalised = layers.Any(l => l.Layer is BatchNormLayerSpec or HighwayLayerSpec or ResidualLayerSpec);
        bool batchNorm = layers.Any(l => l.Layer is BatchNormLayerSpec or ResidualLayerSpec { BatchNorm: true });

        int squashing = sites.Count(s => s.Function is Activation.Sigmoid or Activation.Tanh);
        if (squashing >= SaturatingDepth && !normalised)
            warnings.Add(new(DeepSaturatingStack, "$.model.layers",
                $"{squashing} sigmoid/tanh layers without residual, highway or batch norm: their derivatives (at most 1/4 for sigmoid, 1 for tanh, far less once saturated) multiply layer by layer, so the first layers' gradients will likely vanish; use relu with he init, or add residual/batchnorm layers"));

        var reluDefault = sites.Where(s => s.Function == Activation.Relu && s.Init?.Scheme is not (InitScheme.HeNormal or InitScheme.HeUniform)).ToList();
        if (reluDefault.Count >= ReluDepth && !normalised)
            warnings.Add(new(ReluDefaultInit, "$.model.init",
                $"{reluDefault.Count} ReLU layers without He init: the default (uniform, variance 1/(3·fan_in)) or a Xavier init keeps less than the 2/fan_in ReLU needs, so the signal and the gradients shrink layer by layer; set \"init\": {{\"scheme\": \"he_normal\"}}"));

        if (sites.FirstOrDefault(s => s.Function == Activation.Selu && s.Init?.Scheme != InitScheme.LecunNormal) is { } selu)
            warnings.Add(new(SeluWithoutLecun, selu.InitPath ?? selu.Path,
                "selu self-normalises (activations keep mean 0 and variance 1 layer after layer) only with lecun_normal weights (variance 1/fan_in) and zero-mean inputs; set \"init\": {\"scheme\": \"lecun_normal\"} (and \"biasInit\": {\"scheme\": \"zeros\"})"));

        if (batchNorm && spec.Training.BatchSize < MinBatchNormBatch)
            warnings.Add(new(BatchNormSmallBatch, "$.training.batchSize",
                $"batch norm estimates each feature's mean and variance from the batch; with {spec.Training.BatchSize} examples the estimates are so noisy that training is erratic and eval (running statistics) disagrees with training; use a batch of at least {MinBatchNormBatch}, or layernorm"));

        foreach (var (list, path) in lists)
        {
            int dropout = list.ToList().FindIndex(l => l is DropoutLayerSpec);
            if (dropout >= 0 && list.Skip(dropout + 1).Any(l => l is BatchNormLayerSpec or ResidualLayerSpec { BatchNorm: true }))
                warnings.Add(new(DropoutBeforeBatchNorm, $"{path}[{dropout}]",
                    "dropout before batch norm: batch norm learns the variance of dropped-out activations in training but sees the full variance in eval (the variance shift), so eval accuracy drops; move dropout after the last batch norm"));
        }

        var rnn = layers.FirstOrDefault(l => l.Layer is RnnLayerSpec);
        if (rnn.Layer is not null && spec.Model.InputShape is [int steps, _] && steps >= LongSequence && spec.Training.Clipping is null)
            warnings.Add(new(LongRnnUnclipped, "$.training.clipping",
                $"a plain rnn ({rnn.Path}) backpropagates through {steps} steps: the gradient is multiplied by the recurrent Jacobian at every step, so it will likely explode (or vanish); set \"clipping\": {{\"kind\": \"norm\", \"maxNorm\": 1}}, or use lstm/gru"));

        if (spec.Training.TbpttWindow is int window && Dependency(spec.Dataset) is var (span, what) && window < span)
            warnings.Add(new(TbpttShorterThanDependency, "$.training.tbpttWindow",
                $"{what}, {span} steps back, but truncated BPTT stops the gradient after {window} steps, so the dependency cannot be learned; use a window of at least {span}"));

        double? plainLr = spec.Optimizer switch { SgdOptimizerSpec sgd => sgd.Lr, GdOptimizerSpec gd => gd.Lr, _ => null };
        if (!spec.Training.Standardize && RawFeatures(spec.Dataset) && plainLr >= LargeSgdLr)
            warnings.Add(new(UnstandardisedSgdLargeLr, "$.training.standardize",
                $"the features are unstandardised (scales differ by orders of magnitude) and plain gradient descent at lr {plainLr:G3} takes the same step size along every direction: the largest-scale features will likely make the loss diverge; set \"standardize\": true or lower lr"));

        if (spec.Optimizer is NewtonOptimizerSpec && ShapeInference.Infer(spec.Model) is var (shapes, errors) && errors.Count == 0
            && shapes.Sum(s => s.Parameters) is var parameters and >= NewtonParameters)
            warnings.Add(new(NewtonManyParameters, "$.optimizer.kind",
                $"newton builds and solves the exact {parameters}×{parameters} Hessian every step (memory P², time P³): each step will be slow; lbfgs approximates it at the cost of a few gradients"));
        return warnings;
    }

    /// <summary>Which submission warning predicted an event of this kind, if any.</summary>
    public static SpecWarning? Predicting(IReadOnlyList<SpecWarning> warnings, string eventKind) =>
        warnings.FirstOrDefault(w => Predicts(w.Code).Contains(eventKind));

    static string[] Predicts(string code) => code switch
    {
        DeepSaturatingStack => [PathologyKinds.VanishingGradient, PathologyKinds.Saturation],
        ReluDefaultInit => [PathologyKinds.VanishingGradient],
        SeluWithoutLecun => [PathologyKinds.VanishingGradient, PathologyKinds.ExplodingGradient],
        LongRnnUnclipped => [PathologyKinds.ExplodingGradient, PathologyKinds.Divergence],
        UnstandardisedSgdLargeLr => [PathologyKinds.Divergence, PathologyKinds.ExplodingGradient, PathologyKinds.DeadLayer],
        BatchNormSmallBatch => [PathologyKinds.Divergence],
        _ => [],
    };

    static (int Span, string What)? Dependency(DatasetSpec dataset) => dataset switch
    {
        MemoryDatasetSpec m => (m.Length, "the memory task asks at the last step for the symbol shown at step 0"),
        AddingDatasetSpec a => (a.Length, "the adding problem's first marked value can sit at step 0 and is needed at the last step"),
        _ => null,
    };

    /// <summary>Datasets whose features come as measured (scales from 0.01 to thousands), unlike the generated ones near unit scale.</summary>
    static bool RawFeatures(DatasetSpec dataset) =>
        dataset is WineDatasetSpec or BreastCancerDatasetSpec or DiabetesDatasetSpec or DigitsDatasetSpec or UploadedDatasetSpec;

    static IEnumerable<(IReadOnlyList<LayerSpec> Layers, string Path)> LayerLists(IReadOnlyList<LayerSpec> layers, string path)
    {
        yield return (layers, path);
        for (int i = 0; i < layers.Count; i++)
        {
            var inner = layers[i] switch { ResidualLayerSpec r => r.Layers, DenseConcatLayerSpec d => d.Layers, _ => null };
            if (inner is null) continue;
            foreach (var nested in LayerLists(inner, $"{path}[{i}].layers")) yield return nested;
        }
    }

    /// <summary>Activations of one list: a linear/conv2d layer's own, or a standalone activation fed by the layer before it.</summary>
    static IEnumerable<Site> Sites(IReadOnlyList<LayerSpec> layers, string path, InitSpec? modelInit)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            string at = $"{path}[{i}]";
            switch (layers[i])
            {
                case LinearLayerSpec l when l.Activation != Activation.Identity:
                    yield return new(l.Activation, $"{at}.activation", $"{at}.init", l.Init ?? modelInit);
                    break;
                case Conv2dLayerSpec c when c.Activation != Activation.Identity:
                    yield return new(c.Activation, $"{at}.activation", $"{at}.init", c.Init ?? modelInit);
                    break;
                case ActivationLayerSpec a:
                    var feeder = i > 0 ? layers[i - 1] switch { LinearLayerSpec l => (true, l.Init), Conv2dLayerSpec c => (true, c.Init), _ => (false, null) } : (false, null);
                    yield return new(a.Function, $"{at}.function", feeder.Item1 ? $"{path}[{i - 1}].init" : null, feeder.Item1 ? feeder.Item2 ?? modelInit : null);
                    break;
            }
        }
    }
}
