using System.Globalization;
using System.IO.Compression;

namespace TrainService.Models.Data.Shipped;

/// <summary>Reads the three file layouts scikit-learn uses for its bundled datasets.</summary>
internal static class SklearnCsv
{
    /// <summary>A header "rows,features,class names…", then rows of features followed by an integer label.</summary>
    public static InMemoryDataset ReadLabelled(string resource, DatasetShape shape)
    {
        var lines = ReadLines(resource).Skip(1).ToList();
        return FromRows(lines.Select(l => l.Split(',')), shape, resource);
    }

    /// <summary>No header; 64 pixel values then the digit, comma-separated.</summary>
    public static InMemoryDataset ReadDigits(string resource, DatasetShape shape) =>
        FromRows(ReadLines(resource).Select(l => l.Split(',')), shape, resource);

    /// <summary>Space-separated raw features in one file, one target per line in another.</summary>
    public static InMemoryDataset ReadDiabetes(string featuresResource, string targetsResource, DatasetShape shape)
    {
        var features = ReadLines(featuresResource).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var targets = ReadLines(targetsResource).ToList();
        return FromRows(features.Zip(targets, (f, t) => f.Append(t).ToArray()), shape, featuresResource);
    }

    static InMemoryDataset FromRows(IEnumerable<string[]> rows, DatasetShape shape, string resource)
    {
        int width = shape.FeatureShape.Aggregate(1, (a, b) => a * b);
        var features = new float[shape.Rows * width];
        var targets = new float[shape.Rows];
        int r = 0;
        foreach (var cells in rows)
        {
            if (r >= shape.Rows || cells.Length != width + 1)
                throw new InvalidDataException($"{resource}: row {r + 1} has {cells.Length} cells, expected {width + 1} (or too many rows).");
            for (int j = 0; j < width; j++) features[r * width + j] = Parse(cells[j]);
            targets[r++] = Parse(cells[width]);
        }
        if (r != shape.Rows) throw new InvalidDataException($"{resource}: {r} rows, expected {shape.Rows}.");
        return new InMemoryDataset(features, targets, shape);
    }

    static float Parse(string cell) => (float)double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    static IEnumerable<string> ReadLines(string resource)
    {
        using var stream = typeof(SklearnCsv).Assembly.GetManifestResourceStream($"shipped/{resource}")
            ?? throw new InvalidOperationException($"Embedded dataset file {resource} is missing from the build.");
        using var decoded = resource.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(decoded);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line.Trim();
    }
}
