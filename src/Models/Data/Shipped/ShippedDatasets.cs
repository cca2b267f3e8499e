using TrainService.Contracts.Specs;

namespace TrainService.Models.Data.Shipped;

/// <summary>
/// The real datasets embedded in this assembly (copied from Debian's python3-sklearn; see
/// Files/LICENSE.txt). Each file is parsed once per process and handed out as copies.
/// </summary>
public static class ShippedDatasets
{
    static readonly Lazy<InMemoryDataset> Iris = new(() => SklearnCsv.ReadLabelled("iris.csv", new([4], 1, TaskKind.MulticlassClassification, 3, 150)));
    static readonly Lazy<InMemoryDataset> Wine = new(() => SklearnCsv.ReadLabelled("wine_data.csv", new([13], 1, TaskKind.MulticlassClassification, 3, 178)));
    static readonly Lazy<InMemoryDataset> BreastCancer = new(() => SklearnCsv.ReadLabelled("breast_cancer.csv", new([30], 1, TaskKind.BinaryClassification, 2, 569)));
    static readonly Lazy<InMemoryDataset> Digits = new(() => SklearnCsv.ReadDigits("digits.csv.gz", new([64], 1, TaskKind.MulticlassClassification, 10, 1797)));
    static readonly Lazy<InMemoryDataset> Diabetes = new(() => SklearnCsv.ReadDiabetes("diabetes_data_raw.csv.gz", "diabetes_target.csv.gz", new([10], 1, TaskKind.Regression, 0, 442)));

    public static DatasetShape Describe(DatasetSpec spec) => spec switch
    {
        IrisDatasetSpec => new([4], 1, TaskKind.MulticlassClassification, 3, 150),
        WineDatasetSpec => new([13], 1, TaskKind.MulticlassClassification, 3, 178),
        BreastCancerDatasetSpec => new([30], 1, TaskKind.BinaryClassification, 2, 569),
        DigitsDatasetSpec digits => new(digits.Images ? [1, 8, 8] : [64], 1, TaskKind.MulticlassClassification, 10, 1797),
        DiabetesDatasetSpec => new([10], 1, TaskKind.Regression, 0, 442),
        _ => throw new NotSupportedException($"{spec.GetType().Name} is not a shipped dataset."),
    };

    public static InMemoryDataset Load(DatasetSpec spec)
    {
        var source = spec switch
        {
            IrisDatasetSpec => Iris.Value,
            WineDatasetSpec => Wine.Value,
            BreastCancerDatasetSpec => BreastCancer.Value,
            DigitsDatasetSpec => Digits.Value,
            DiabetesDatasetSpec => Diabetes.Value,
            _ => throw new NotSupportedException($"{spec.GetType().Name} is not a shipped dataset."),
        };
        // Copies, so no caller can change the cached data; the shape may differ (digits as images).
        return new InMemoryDataset((float[])source.Features.Clone(), (float[])source.Targets.Clone(), Describe(spec));
    }
}
