using static TorchSharp.torch;

namespace TrainService.Models.Diagnostics;

/// <summary>Which unit pathology a module can show: rectifiers die, squashing functions saturate.</summary>
public enum ActivationFamily { Other, Rectifier, Saturating }

public static class ActivationFamilies
{
    // By type name, so activation modules added later (built in or custom) are classified without a new switch arm.
    static readonly string[] Rectifiers = ["relu", "elu", "gelu", "silu", "swish", "mish"];
    static readonly string[] Saturating = ["sigmoid", "tanh", "softsign"];

    public static ActivationFamily Of(nn.Module module)
    {
        string name = module.GetType().Name.ToLowerInvariant();
        // Rectifiers first: SigmoidGelu is a gelu.
        if (Rectifiers.Any(name.Contains)) return ActivationFamily.Rectifier;
        if (Saturating.Any(name.Contains)) return ActivationFamily.Saturating;
        return ActivationFamily.Other;
    }
}
