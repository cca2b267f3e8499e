using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>Initialiser rules DataAnnotations cannot express: a bias is a vector (no orthogonal form) and needs the layer to have one.</summary>
public static class InitChecks
{
    public static void Check(LayerSpec layer, string path, Dictionary<string, string> errors)
    {
        var (bias, hasBias) = layer switch
        {
            LinearLayerSpec l => (l.BiasInit, l.Bias),
            Conv2dLayerSpec c => (c.BiasInit, c.Bias),
            HighwayLayerSpec h => (h.BiasInit, true),
            RecurrentLayerSpec r => (r.BiasInit, true),
            _ => (null, true),
        };
        if (bias is not null && !hasBias)
            errors.TryAdd($"{path}.biasInit", "the layer has no bias (bias: false); drop biasInit or set bias: true");
        CheckBias(bias, $"{path}.biasInit", errors);
    }

    public static void CheckBias(InitSpec? bias, string path, Dictionary<string, string> errors)
    {
        if (bias is { Scheme: InitScheme.Orthogonal })
            errors.TryAdd($"{path}.scheme", "orthogonal needs a matrix; a bias is a vector (use zeros, constant, normal or a fan-based scheme)");
    }
}
