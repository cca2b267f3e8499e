namespace TrainService.Models.Data;

/// <summary>What the targets mean, which decides the metrics and the predict output.</summary>
public enum TaskKind
{
    Regression,
    BinaryClassification,
    MulticlassClassification,
}

/// <summary>What validation needs to know about a dataset without generating it.</summary>
/// <param name="FeatureShape">Shape of one example.</param>
/// <param name="TargetWidth">Number of target values per example (1 for labels).</param>
/// <param name="Task">Regression or classification.</param>
/// <param name="Classes">Number of classes for classification, else 0.</param>
/// <param name="Rows">Number of examples.</param>
public sealed record DatasetShape(int[] FeatureShape, int TargetWidth, TaskKind Task, int Classes, int Rows);
