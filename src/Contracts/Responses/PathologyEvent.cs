namespace TrainService.Contracts.Responses;

/// <summary>Something went wrong in training, as the diagnostics saw it.</summary>
/// <param name="Kind">vanishing_gradient, exploding_gradient, dead_layer, saturation or divergence.</param>
/// <param name="Epoch">1-based epoch of the sampled step.</param>
/// <param name="Step">Global 1-based optimizer step.</param>
/// <param name="Layer">The layer concerned (a module name such as <c>3_relu</c>); null when the event concerns the whole network.</param>
/// <param name="Values">The measured values behind the event, e.g. the ratio and the two gradient norms.</param>
/// <param name="Message">The same in words.</param>
/// <param name="Warning">The code of the submission warning that predicted this event (e.g. <c>deep_saturating_stack</c> for a vanishing gradient); null when none did.</param>
public sealed record PathologyEvent(string Kind, int Epoch, long Step, string? Layer, IReadOnlyDictionary<string, double> Values, string Message, string? Warning = null);

/// <summary>Event kinds.</summary>
public static class PathologyKinds
{
    public const string VanishingGradient = "vanishing_gradient", ExplodingGradient = "exploding_gradient",
        DeadLayer = "dead_layer", Saturation = "saturation", Divergence = "divergence";
}
