using TrainService.Contracts.Specs;
using TrainService.Models.Data;
using TrainService.Models.Networks;

namespace TrainService.Models.Validation;

/// <summary>
/// The bytes a spec's dataset occupies once generated or loaded (float32 features and targets),
/// in checked long arithmetic: sizes multiply, and an int product overflows long before memory runs out.
/// </summary>
public static class DatasetSize
{
    public static long Bytes(DatasetShape data)
    {
        try
        {
            long perRow = checked(data.FeatureShape.Aggregate(1L, (size, dimension) => checked(size * dimension)) + data.TargetWidth);
            return checked(4L * data.Rows * perRow);
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>The field that scales the data: <c>samples</c> where the dataset kind has one, else the dataset itself.</summary>
    public static string Path(DatasetSpec dataset) =>
        dataset.GetType().GetProperty("Samples") is null ? "$.dataset" : "$.dataset.samples";

    public static void Check(DatasetSpec dataset, DatasetShape data, ModelLimits limits, ValidationErrors errors)
    {
        long bytes = Bytes(data);
        if (bytes > limits.MaxMemoryBytes)
            errors.Add(Path(dataset), $"the dataset would take {Mib(bytes)} MiB ({data.Rows:N0} rows of shape {ShapeInference.Format(data.FeatureShape)}); "
                + $"this server accepts at most {Mib(limits.MaxMemoryBytes)} MiB in all ({ModelLimits.Section}:{nameof(ModelLimits.MaxMemoryBytes)})");
    }

    internal static string Mib(long bytes) => (bytes / (1 << 20)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
