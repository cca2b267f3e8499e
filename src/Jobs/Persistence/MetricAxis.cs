namespace TrainService.Jobs.Persistence;

/// <summary>
/// What a metric row's <see cref="MetricRow.Step"/> counts. Stored as its number (one byte a row on
/// SQLite, in the key of every row); the numbers are fixed by the MetricAxis migration's data conversion.
/// </summary>
internal enum MetricAxis
{
    /// <summary>Step = the 1-based epoch: per-epoch figures (<see cref="EpochMetricSeries"/>, peak memory).</summary>
    Epoch = 0,

    /// <summary>
    /// Step = the global 1-based optimizer step: per-step figures (<see cref="StepMetricSeries"/>) and
    /// the diagnostics (<see cref="Diagnostics.DiagnosticSeries"/>). A resumed run deletes these after its checkpoint's step.
    /// </summary>
    Step = 1,

    /// <summary>Step = the last epoch: the held-out test measurement (<see cref="TestMetricSeries"/>), one per job.</summary>
    Test = 2,
}
