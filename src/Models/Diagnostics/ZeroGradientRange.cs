using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrainService.Models.Diagnostics;

/// <summary>
/// Where an activation's derivative is exactly zero, as a range of one float32 input: below
/// <see cref="Low"/> or above <see cref="High"/>, each edge included or not (relu: z ≤ 0; hard tanh:
/// z &lt; −1 or z &gt; 1). NaN lies in neither part, as in libtorch's comparisons. Being data, not a
/// function, the rule is tested a vector of inputs at a time: the diagnostics' host path counts dead
/// units over a batch without a call per entry.
/// </summary>
public readonly record struct ZeroGradientRange(float Low, bool LowIncluded, float High = float.PositiveInfinity, bool HighIncluded = false)
{
    public bool Holds(float z) => (LowIncluded ? z <= Low : z < Low) || (HighIncluded ? z >= High : z > High);

    /// <summary>
    /// Over a batch laid out row by row (<paramref name="units"/> entries per example): how many
    /// units the rule holds for at every example.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int UnitsWhereAlways(ReadOnlySpan<float> x, int units)
    {
        int vectorWidth = Vector<float>.Count, vectorUnits = units / vectorWidth * vectorWidth;
        // Per unit: whether some example so far lay outside the range (all bits set), lanes of whole vectors then the rest one by one.
        Span<Vector<int>> brokenLanes = vectorUnits / vectorWidth <= 512 ? stackalloc Vector<int>[vectorUnits / vectorWidth] : new Vector<int>[vectorUnits / vectorWidth];
        Span<bool> brokenRest = stackalloc bool[units - vectorUnits];
        brokenLanes.Clear();
        brokenRest.Clear();
        Vector<float> low = new(Low), high = new(High);
        for (int row = 0; row + units <= x.Length; row += units)
        {
            var lanes = MemoryMarshal.Cast<float, Vector<float>>(x.Slice(row, vectorUnits));
            for (int i = 0; i < lanes.Length; i++)
            {
                var v = lanes[i];
                var below = LowIncluded ? Vector.LessThanOrEqual(v, low) : Vector.LessThan(v, low);
                var above = HighIncluded ? Vector.GreaterThanOrEqual(v, high) : Vector.GreaterThan(v, high);
                brokenLanes[i] |= ~(below | above);
            }
            for (int u = vectorUnits; u < units; u++) brokenRest[u - vectorUnits] |= !Holds(x[row + u]);
        }
        int count = 0;
        foreach (var lane in brokenLanes)
            for (int j = 0; j < vectorWidth; j++)
                if (lane[j] == 0) count++;
        foreach (bool broken in brokenRest) if (!broken) count++;
        return count;
    }
}
