using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>Field rules DataAnnotations cannot express for recurrent and residual layers.</summary>
public static class BlockFieldChecks
{
    /// <summary>Null when fine; "" after adding errors keyed by the offending field's own path.</summary>
    public static string? Check(LayerSpec layer, string path, Dictionary<string, string> errors)
    {
        int before = errors.Count;
        switch (layer)
        {
            case RnnLayerSpec { Nonlinearity: not (Activation.Tanh or Activation.Relu) } r:
                errors.TryAdd($"{path}.nonlinearity", $"rnn supports tanh or relu, not {ActivationChecks.Name(r.Nonlinearity)}");
                break;
            case ResidualLayerSpec { Bottleneck: { } b } when b.Kernel % 2 == 0:
                errors.TryAdd($"{path}.bottleneck.kernel", $"must be odd so padding keeps H and W; got {b.Kernel}");
                break;
        }
        return errors.Count > before ? "" : null;
    }
}
