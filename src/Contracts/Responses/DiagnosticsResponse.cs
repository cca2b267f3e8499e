namespace TrainService.Contracts.Responses;

/// <summary>One value of a per-layer series at one sampled step.</summary>
/// <param name="Step">Global optimizer step.</param>
/// <param name="Epoch">The epoch the step belongs to.</param>
/// <param name="Value">The measured value.</param>
public sealed record SeriesPoint(long Step, int Epoch, double Value);

/// <summary>One diagnostic quantity of one layer over the sampled steps.</summary>
/// <param name="Metric">gradNorm, updateRatio, activationMean, activationVariance, deadFraction, negativeFraction or saturatedFraction.</param>
/// <param name="Layer">Module name, as in the built network (<c>{index}_{kind}</c>).</param>
/// <param name="Points">Sampled values, in step order.</param>
public sealed record LayerSeries(string Metric, string Layer, IReadOnlyList<SeriesPoint> Points);

/// <summary>Everything the diagnostics recorded for a job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Layers">Module names in network order.</param>
/// <param name="Series">Per-layer series.</param>
/// <param name="Events">Pathology events, in step order.</param>
public sealed record DiagnosticsResponse(Guid JobId, IReadOnlyList<string> Layers, IReadOnlyList<LayerSeries> Series, IReadOnlyList<PathologyEvent> Events);
