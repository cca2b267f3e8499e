using ScottPlot;

namespace TrainService.Jobs.Plots;

/// <summary>One palette colour per class, so a heatmap of class indices 0…k−1 paints each class its own colour.</summary>
public sealed class ClassColormap(int classes) : IColormap
{
    static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public string Name => "classes";

    public int Classes { get; } = Math.Max(1, classes);

    public static Color Of(int label) => Palette.GetColor(label);

    /// <summary><paramref name="position"/> is the class index scaled to 0–1 over 0…k−1 (the heatmap's range).</summary>
    public Color GetColor(double position) =>
        Of(double.IsFinite(position) ? (int)Math.Round(Math.Clamp(position, 0, 1) * (Classes - 1)) : 0);
}
