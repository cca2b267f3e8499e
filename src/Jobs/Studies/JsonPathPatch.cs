using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TrainService.Jobs.Studies;

/// <summary>
/// The small JSON path dialect a study factor names: <c>$</c> then <c>.name</c> or <c>[index]</c>
/// steps. Enough to reach any field of a spec; no wildcards or filters, so a path names exactly one place.
/// </summary>
internal static partial class JsonPathPatch
{
    /// <summary>The steps of <paramref name="path"/> (string = property, int = array index); null when it is not of the dialect.</summary>
    public static IReadOnlyList<object>? Parse(string path)
    {
        if (!path.StartsWith('$')) return null;
        var steps = new List<object>();
        int at = 1;
        foreach (Match step in Step().Matches(path, 1))
        {
            if (step.Index != at) return null;
            steps.Add(step.Groups["name"].Success ? step.Groups["name"].Value : int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
            at = step.Index + step.Length;
        }
        return at == path.Length && steps.Count > 0 ? steps : null;
    }

    /// <summary>
    /// Writes <paramref name="value"/> at the path inside <paramref name="root"/>. Array items must
    /// exist; missing objects on the way are added, and so is the last property (the spec gate then
    /// rejects any name the spec has no field for). Returns why not, or null when written.
    /// </summary>
    public static string? TrySet(JsonNode root, IReadOnlyList<object> steps, JsonNode? value)
    {
        JsonNode? node = root;
        for (int i = 0; i < steps.Count - 1; i++)
        {
            // A section the base leaves at its defaults (no "checkpoints", say) starts empty, so
            // $.checkpoints.everyEpochs still works; a name the spec lacks is the gate's to reject.
            if (steps[i] is string name && node is JsonObject parent && !parent.ContainsKey(name) && steps[i + 1] is string)
                parent[name] = new JsonObject();
            node = Child(node, steps[i]);
            if (node is null) return $"the base spec has nothing at {Describe(steps.Take(i + 1))}";
        }
        switch (steps[^1], node)
        {
            case (string name, JsonObject parent):
                parent[name] = value;
                return null;
            case (int index, JsonArray parent) when index < parent.Count:
                parent[index] = value;
                return null;
            case (int index, JsonArray parent):
                return $"{Describe(steps.SkipLast(1))} has {parent.Count} items; index {index} is past its end";
            default:
                return $"{Describe(steps.SkipLast(1))} in the base spec is not {(steps[^1] is int ? "an array" : "an object")}";
        }
    }

    static JsonNode? Child(JsonNode? node, object step) => (step, node) switch
    {
        (string name, JsonObject parent) => parent[name],
        (int index, JsonArray parent) when index < parent.Count => parent[index],
        _ => null,
    };

    static string Describe(IEnumerable<object> steps) => "$" + string.Concat(steps.Select(s => s is int i ? $"[{i}]" : $".{s}"));

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>[0-9]{1,6})\]")]
    private static partial Regex Step();
}
