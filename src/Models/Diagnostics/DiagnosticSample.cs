namespace TrainService.Models.Diagnostics;

/// <summary>The names of the per-layer quantities the diagnostics measure.</summary>
public static class DiagnosticMetrics
{
    public const string GradNorm = "gradNorm", UpdateRatio = "updateRatio", ActivationMean = "activationMean",
        ActivationVariance = "activationVariance", DeadFraction = "deadFraction", NegativeFraction = "negativeFraction", SaturatedFraction = "saturatedFraction";

    public static readonly string[] All = [GradNorm, UpdateRatio, ActivationMean, ActivationVariance, DeadFraction, NegativeFraction, SaturatedFraction];
}

/// <summary>One measured quantity of one layer.</summary>
public readonly record struct LayerValue(string Metric, string Layer, double Value);

/// <summary>Everything measured at one sampled step. <paramref name="ParameterisedLayers"/> lists the layers with gradients, first to last.</summary>
public sealed record DiagnosticSample(long Step, int Epoch, IReadOnlyList<LayerValue> Values, IReadOnlyList<string> ParameterisedLayers);
