using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Robustness;

/// <summary>
/// The spec gate against every shape of spec the project ships: the README's example and each shipped
/// suite's base spec with each of its factor values put in (every optimizer, activation family, recurrent
/// cell, depth, initialisation, clipping). Every node of each is replaced by wrong values, removed, or
/// blown up, and sent to <c>POST /api/specs/validate</c>: the answer is a 200 or a 400 whose errors are all
/// keyed by JSON paths, never a 5xx, and a value of the wrong JSON type is named at its own path.
/// </summary>
public sealed class SpecMutationFuzzTests : ServiceTest
{
    [Fact]
    public async Task EveryNodeOfEveryShippedSpec_ReplacedRemovedOrBlownUp_GetsA400AtItsPathOrPasses()
    {
        var failures = new List<string>();
        var mutated = new HashSet<string>();
        int calls = 0, refused = 0;
        foreach (var spec in ShippedSpecs())
            foreach (var (path, node, parentKind) in Nodes(spec, "$", null))
            {
                // Nodes with the same path under the same kind were mutated already in another spec.
                if (!mutated.Add($"{Regex.Replace(path, @"\[\d+\]", "[]")}|{parentKind}|{node?.GetValueKind()}")) continue;
                foreach (var (label, replacement, namesPath) in Mutations(node))
                    await Check(spec, path, label, replacement, namesPath);
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} mutations answered wrongly:\n{string.Join("\n", failures.Take(30))}");
        Assert.True(calls > 800 && refused > calls / 3, $"{calls} mutations, {refused} refused: the fuzzing reached too little");

        async Task Check(JsonNode spec, string path, string label, Func<JsonNode?>? replacement, bool namesPath)
        {
            calls++;
            var copy = spec.DeepClone();
            Replace(copy, path, replacement);
            using var response = await Client.PostJsonTextAsync("/api/specs/validate", copy.ToJsonString());
            string body = await response.Content.ReadAsStringAsync();
            string where = $"{path} {label} → {(int)response.StatusCode}";
            if (response.StatusCode == HttpStatusCode.OK) return;
            if (response.StatusCode != HttpStatusCode.BadRequest) { failures.Add($"{where} {Shorten(body)}"); return; }
            refused++;
            var keys = JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
            if (keys.Count == 0 || keys.Any(k => !k.StartsWith('$'))) failures.Add($"{where}: errors not keyed by JSON paths: {Shorten(body)}");
            else if (namesPath && !keys.Contains(path)) failures.Add($"{where}: {path} not named, only {string.Join(", ", keys)}");
        }
    }

    /// <summary>(label, the new value or null to remove the node, whether the error must name this very path).</summary>
    static IEnumerable<(string, Func<JsonNode?>?, bool)> Mutations(JsonNode? node)
    {
        (string, Func<JsonNode?>?, bool) To(string label, Func<JsonNode?> value, bool names = false) => (label, value, names);
        yield return ("removed", null, false);
        yield return To("null", () => null);
        switch (node?.GetValueKind())
        {
            case JsonValueKind.Number:
                yield return To("a string", () => JsonValue.Create("x"), names: true);
                yield return To("an object", () => new JsonObject(), names: true);
                foreach (double value in new[] { -1, 0, 0.5, 1e308, -1e308, 2147483648d, 1e-320 })
                    yield return To(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), () => JsonValue.Create(value));
                break;
            case JsonValueKind.String:
                yield return To("a number", () => JsonValue.Create(5), names: true);
                yield return To("an array", () => new JsonArray(), names: true);
                foreach (string value in new[] { "", "nope", new string('z', 5000), "NaN", "\u0000" })
                    yield return To($"\"{Shorten(value, 8)}\"", () => JsonValue.Create(value));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                yield return To("a string", () => JsonValue.Create("yes"), names: true);
                yield return To("a number", () => JsonValue.Create(1), names: true);
                break;
            case JsonValueKind.Object:
                yield return To("a string", () => JsonValue.Create("x"), names: true);
                yield return To("an array", () => new JsonArray(), names: true);
                yield return To("empty", () => new JsonObject());
                yield return To("plus a bogus field", () => { var copy = node.DeepClone().AsObject(); copy["bogus"] = 1; return copy; });
                break;
            case JsonValueKind.Array:
                yield return To("a string", () => JsonValue.Create("x"), names: true);
                yield return To("an object", () => new JsonObject(), names: true);
                yield return To("empty", () => new JsonArray());
                yield return To("[null]", () => new JsonArray((JsonNode?)null));
                yield return To("its first item 500 times", () => new JsonArray(Enumerable.Range(0, 500).Select(_ => node.AsArray().FirstOrDefault()?.DeepClone()).ToArray()));
                break;
        }
    }

    static IEnumerable<(string Path, JsonNode? Node, string? ParentKind)> Nodes(JsonNode? node, string path, string? parentKind)
    {
        if (path != "$") yield return (path, node, parentKind);
        if (node is JsonObject obj)
        {
            string? kind = obj["kind"] is JsonValue k && k.TryGetValue(out string? s) ? s : null;
            foreach (var (name, child) in obj.ToList())
                foreach (var item in Nodes(child, $"{path}.{name}", kind ?? parentKind)) yield return item;
        }
        else if (node is JsonArray array)
            for (int i = 0; i < array.Count; i++)
                foreach (var item in Nodes(array[i], $"{path}[{i}]", parentKind)) yield return item;
    }

    /// <summary>Sets (or, with a null replacement, removes) the node at a path like <c>$.model.layers[0].units</c>.</summary>
    static void Replace(JsonNode root, string path, Func<JsonNode?>? replacement)
    {
        var segments = Regex.Matches(path, @"\.([A-Za-z0-9_]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value)).ToList();
        // A factor may set a field whose object the base spec leaves out ($.training.regularization.l2): make it.
        var parent = segments.SkipLast(1).Aggregate(root, (node, segment) => segment is string name ? node[name] ??= new JsonObject() : node[(int)segment]!);
        switch (segments[^1])
        {
            case string name when replacement is null: parent.AsObject().Remove(name); break;
            case string name: parent[name] = replacement(); break;
            case int index when replacement is null: parent.AsArray().RemoveAt(index); break;
            case int index: parent[index] = replacement(); break;
        }
    }

    /// <summary>The README's example and each suite's base spec with each factor value in place.</summary>
    static IEnumerable<JsonNode> ShippedSpecs()
    {
        yield return JsonNode.Parse(Specs.ReadmeXor)!;
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "suites"), "*.json").Order())
            foreach (var part in JsonNode.Parse(File.ReadAllText(file))!["parts"]!.AsArray())
            {
                var study = part!["study"]!;
                yield return study["base"]!.DeepClone();
                foreach (var factor in study["factors"]?.AsArray() ?? [])
                    foreach (var value in factor!["values"]!.AsArray())
                    {
                        var spec = study["base"]!.DeepClone();
                        Replace(spec, factor["path"]!.GetValue<string>(), () => value?.DeepClone());
                        yield return spec;
                    }
            }
    }

    static string Shorten(string text, int length = 160) => text.Length <= length ? text : text[..length] + "…";
}
