using System.Text.Json;
using System.Text.Json.Nodes;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Studies;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Suites;

/// <summary>
/// A suite at one size → one StudySpec per part: the size's seeds, its values written into the part's
/// base at their paths, and the name "suite/part (size)". Errors are keyed by the suite file's JSON path.
/// </summary>
internal static class SuiteExpander
{
    public static readonly string[] Extras = ["firstLastGradRatio"];

    public static IReadOnlyList<(string Part, StudySpec Study)> Expand(SuiteDefinition suite, string size, ValidationErrors errors)
    {
        if (!suite.Sizes.TryGetValue(size, out var chosen))
        {
            errors.Add("size", $"the suite has the sizes {string.Join(", ", suite.Sizes.Keys)}; not '{size}'");
            return [];
        }
        foreach (var extra in suite.Extras.Where(e => !Extras.Contains(e)))
            errors.Add("$.extras", $"'{extra}' is not one of {string.Join(", ", Extras)}");
        var studies = new List<(string, StudySpec)>();
        for (int p = 0; p < suite.Parts.Count; p++)
        {
            var part = suite.Parts[p];
            if (part.Study.ValueKind != JsonValueKind.Object || JsonNode.Parse(part.Study.GetRawText()) is not JsonObject study || study["base"] is not JsonObject baseSpec)
            {
                errors.Add($"$.parts[{p}].study", "must be a study (an object with a base spec)");
                continue;
            }
            foreach (var (path, value) in chosen.Set)
            {
                string at = $"$.sizes.{size}.set['{path}']";
                if (JsonPathPatch.Parse(path) is not { } steps) errors.Add(at, "must be a JSON path such as $.training.epochs");
                else if (JsonPathPatch.TrySet(baseSpec, steps, JsonNode.Parse(value.GetRawText())) is { } why) errors.Add(at, $"{why} (part {part.Name})");
            }
            if (part.ArmLabels is { } labels)
            {
                long arms = study["factors"] is JsonArray factors ? factors.Aggregate(1L, (n, f) => n * (f?["values"] is JsonArray v ? v.Count : 1)) : 1;
                if (labels.Count != arms || labels.Distinct().Count() != labels.Count)
                    errors.Add($"$.parts[{p}].armLabels", $"must name each of the {arms} arms once, in grid order");
            }
            study["name"] = $"{suite.Name}/{part.Name} ({size})";
            study["seeds"] = JsonSerializer.SerializeToNode(chosen.Seeds, ContractJson.Options);
            try
            {
                studies.Add((part.Name, study.Deserialize<StudySpec>(ContractJson.Options)!));
            }
            catch (JsonException error)
            {
                errors.Add($"$.parts[{p}].study", error.Message);
            }
        }
        return errors.IsEmpty ? studies : [];
    }
}
