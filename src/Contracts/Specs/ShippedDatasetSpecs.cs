using System.ComponentModel;

namespace TrainService.Contracts.Specs;

/// <summary>Fisher's iris: 150 flowers, 4 measurements, 3 species (labels 0–2, 50 each).</summary>
public sealed record IrisDatasetSpec : DatasetSpec;

/// <summary>Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars (labels 0–2).</summary>
public sealed record WineDatasetSpec : DatasetSpec;

/// <summary>Wisconsin diagnostic breast cancer: 569 tumours, 30 features; label 0 malignant, 1 benign.</summary>
public sealed record BreastCancerDatasetSpec : DatasetSpec;

/// <summary>Handwritten digits: 1,797 images of 8×8 pixels with values 0–16, labels 0–9.</summary>
public sealed record DigitsDatasetSpec : DatasetSpec
{
    [Description("Give each example the shape [1, 8, 8] (for convolutions) instead of a flat [64].")]
    public bool Images { get; init; } = false;
}

/// <summary>Diabetes progression: 442 patients, 10 raw baseline variables, target a disease measure one year later (25–346).</summary>
public sealed record DiabetesDatasetSpec : DatasetSpec;
