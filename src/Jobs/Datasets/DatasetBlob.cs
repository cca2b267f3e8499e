using System.Globalization;
using System.Text;
using TrainService.Models.Data;

namespace TrainService.Jobs.Datasets;

/// <summary>
/// The stored form of an uploaded dataset: CSV with a header, the feature columns then the
/// target columns, numbers in round-trip format. Readable by people, and only ever read back here.
/// </summary>
public static class DatasetBlob
{
    public static void Write(Stream destination, ValidatedDataset data)
    {
        using var writer = new StreamWriter(destination, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.WriteLine(string.Join(',', data.FeatureColumns.Concat(data.TargetColumns)));
        int f = data.FeatureColumns.Length, t = data.TargetColumns.Length;
        var line = new StringBuilder();
        for (int r = 0; r < data.Rows; r++)
        {
            line.Clear();
            for (int j = 0; j < f; j++) line.Append(Format(data.Features[r * f + j])).Append(',');
            for (int j = 0; j < t; j++) line.Append(Format(data.Targets[r * t + j])).Append(j < t - 1 ? "," : "");
            writer.WriteLine(line);
        }
    }

    public static InMemoryDataset Read(Stream source, DatasetShape shape)
    {
        int f = shape.FeatureShape[0], t = shape.TargetWidth;
        var features = new float[shape.Rows * f];
        var targets = new float[shape.Rows * t];
        using var reader = new StreamReader(source);
        reader.ReadLine();
        for (int r = 0; r < shape.Rows; r++)
        {
            var cells = (reader.ReadLine() ?? throw new InvalidDataException($"The stored dataset ends at row {r}; expected {shape.Rows}.")).Split(',');
            for (int j = 0; j < f; j++) features[r * f + j] = float.Parse(cells[j], CultureInfo.InvariantCulture);
            for (int j = 0; j < t; j++) targets[r * t + j] = float.Parse(cells[f + j], CultureInfo.InvariantCulture);
        }
        return new InMemoryDataset(features, targets, shape);
    }

    static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
