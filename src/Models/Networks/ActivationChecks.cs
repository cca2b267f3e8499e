using TrainService.Contracts.Specs;

namespace TrainService.Models.Networks;

/// <summary>Field rules DataAnnotations cannot express for activation layers: parameters that only some functions take.</summary>
public static class ActivationChecks
{
    /// <summary>Null when fine; "" after adding errors keyed by the offending field's own path.</summary>
    public static string? Check(LayerSpec layer, string path, Dictionary<string, string> errors)
    {
        int before = errors.Count;
        switch (layer)
        {
            case ActivationLayerSpec a:
                var f = a.Function;
                if (a.Alpha is not null && f is not (Activation.LeakyRelu or Activation.Elu))
                    errors.TryAdd($"{path}.alpha", $"alpha applies to leaky_relu and elu, not {Name(f)}");
                if ((a.Lower is not null || a.Upper is not null) && f != Activation.Rrelu)
                    errors.TryAdd($"{path}.lower", $"lower/upper apply to rrelu, not {Name(f)}");
                if ((a.Lower ?? ActivationFactory.RreluLower) > (a.Upper ?? ActivationFactory.RreluUpper))
                    errors.TryAdd($"{path}.lower", "rrelu needs lower ≤ upper");
                if ((a.PerChannel is not null || a.PreluInit is not null) && f != Activation.Prelu)
                    errors.TryAdd($"{path}.perChannel", $"perChannel/preluInit apply to prelu, not {Name(f)}");
                break;
        }
        return errors.Count > before ? "" : null;
    }

    public static string Name(Activation activation) =>
        System.Text.Json.JsonSerializer.Serialize(activation).Trim('"');
}
