using System.Text.Json;
using System.Text.Json.Nodes;
using TrainService.Contracts.Specs.Studies;
using TrainService.Models.Validation;

namespace TrainService.Jobs.Studies;

/// <summary>One arm of a planned study: its factor values and one spec document per seed, not yet gated.</summary>
internal sealed record PlannedArm(int Index, string Label, IReadOnlyDictionary<string, JsonElement> Values, IReadOnlyList<(long Seed, JsonObject Spec)> Runs);

/// <summary>
/// Checks a study's own fields and expands its factors into arms: the grid of every combination
/// (or a seeded uniform sample of it), the first factor varying slowest, each value written into a copy of the base spec at its path,
/// and each seed into training.seed. Errors are keyed by the study field's JSON path.
/// </summary>
internal static class StudyPlanner
{
    // 200 values ^ 8 factors < 2^63: the grid's size always fits a long.
    public const int MaxJobs = 200, MaxSeeds = 100, MaxFactors = 8, MaxValues = 200;
    public static readonly string[] Metrics = ["trainLoss", "valLoss", "trainAccuracy", "valAccuracy"];

    public static IReadOnlyList<PlannedArm> Plan(StudySpec study, ValidationErrors errors)
    {
        if (study.Name.Length is < 1 or > 200) errors.Add("$.name", "must have 1 to 200 characters");
        if (study.Base.ValueKind != JsonValueKind.Object) errors.Add("$.base", "must be a training spec (a JSON object)");
        if (!Metrics.Contains(study.Objective.Metric)) errors.Add("$.objective.metric", $"must be one of {string.Join(", ", Metrics)}");
        CheckSeeds(study.Seeds, errors);
        if (study.Scheduler is HalvingSchedulerSpec { MinEpochs: < 1 }) errors.Add("$.scheduler.minEpochs", "must be at least 1");
        if (study.Scheduler is HalvingSchedulerSpec { Factor: < 2 or > 100 }) errors.Add("$.scheduler.factor", "must be from 2 to 100");
        var paths = CheckFactors(study.Factors, errors);
        if (!errors.IsEmpty) return [];

        long grid = study.Factors.Aggregate(1L, (n, f) => n * f.Values.Count);
        if (!CheckSampler(study, grid, errors)) return [];
        long arms = study.Sampler == StudySampler.Random ? study.Count!.Value : grid;
        if (arms * study.Seeds.Count > MaxJobs)
        {
            errors.Add(study.Sampler == StudySampler.Random ? "$.count" : "$.factors",
                $"{arms} arms × {study.Seeds.Count} seeds = {arms * study.Seeds.Count} jobs; a study may have at most {MaxJobs}");
            return [];
        }
        var combinations = study.Sampler == StudySampler.Random ? Sampled(study, grid) : Combinations(study.Factors);
        var planned = combinations.Select((levels, index) => Arm(study, paths, levels, index, errors)).ToList();
        return errors.IsEmpty ? planned : [];
    }

    static void CheckSeeds(IReadOnlyList<long> seeds, ValidationErrors errors)
    {
        if (seeds.Count is < 1 or > MaxSeeds) errors.Add("$.seeds", $"must list 1 to {MaxSeeds} seeds");
        else if (seeds.Distinct().Count() != seeds.Count) errors.Add("$.seeds", "must not repeat a seed (a repeat is the same run twice, not a new sample)");
    }

    static List<IReadOnlyList<object>> CheckFactors(IReadOnlyList<StudyFactor> factors, ValidationErrors errors)
    {
        if (factors.Count is < 1 or > MaxFactors) errors.Add("$.factors", $"must list 1 to {MaxFactors} factors");
        var parsed = new List<IReadOnlyList<object>>();
        for (int i = 0; i < factors.Count; i++)
        {
            var factor = factors[i];
            var steps = JsonPathPatch.Parse(factor.Path);
            if (steps is null) errors.Add($"$.factors[{i}].path", "must be a JSON path such as $.optimizer.lr or $.model.layers[0].activation");
            else if (factor.Path is "$.training.seed" or "$.training") errors.Add($"$.factors[{i}].path", "the study's seeds set training.seed; list them in seeds");
            else if (factors.Take(i).Any(f => f.Path == factor.Path)) errors.Add($"$.factors[{i}].path", "repeats an earlier factor's path");
            if (factor.Values.Count is < 1 or > MaxValues) errors.Add($"$.factors[{i}].values", $"must list 1 to {MaxValues} values");
            if (factor.Label is { Length: 0 or > 50 }) errors.Add($"$.factors[{i}].label", "must have 1 to 50 characters");
            parsed.Add(steps ?? []);
        }
        return parsed;
    }

    static bool CheckSampler(StudySpec study, long grid, ValidationErrors errors)
    {
        if (study.Sampler == StudySampler.Grid)
        {
            if (study.Count is not null) errors.Add("$.count", "applies only to sampler random");
        }
        else if (study.Count is not { } count || count < 1 || count > grid)
            errors.Add("$.count", $"sampler random needs a count from 1 to the grid's {grid} combinations");
        return errors.IsEmpty;
    }

    /// <summary>Count distinct grid positions drawn uniformly (seeded), in grid order, decoded into factor levels.</summary>
    static IEnumerable<int[]> Sampled(StudySpec study, long grid)
    {
        var random = new Random(unchecked((int)study.SamplerSeed ^ (int)(study.SamplerSeed >> 32)));
        var drawn = new SortedSet<long>();
        while (drawn.Count < study.Count!.Value) drawn.Add(random.NextInt64(grid));
        foreach (long position in drawn)
        {
            var levels = new int[study.Factors.Count];
            long rest = position;
            for (int f = levels.Length - 1; f >= 0; f--)
            {
                levels[f] = (int)(rest % study.Factors[f].Values.Count);
                rest /= study.Factors[f].Values.Count;
            }
            yield return levels;
        }
    }

    static IEnumerable<int[]> Combinations(IReadOnlyList<StudyFactor> factors)
    {
        var levels = new int[factors.Count];
        while (true)
        {
            yield return (int[])levels.Clone();
            int f = factors.Count - 1;
            while (f >= 0 && ++levels[f] == factors[f].Values.Count) levels[f--] = 0;
            if (f < 0) yield break;
        }
    }

    static PlannedArm Arm(StudySpec study, List<IReadOnlyList<object>> paths, int[] levels, int index, ValidationErrors errors)
    {
        var values = new Dictionary<string, JsonElement>();
        var template = JsonNode.Parse(study.Base.GetRawText())!.AsObject();
        for (int f = 0; f < levels.Length; f++)
        {
            var value = study.Factors[f].Values[levels[f]];
            values[study.Factors[f].Path] = value;
            if (JsonPathPatch.TrySet(template, paths[f], JsonNode.Parse(value.GetRawText())) is { } why)
                errors.Add($"$.factors[{f}].path", why);
        }
        string label = string.Join(", ", study.Factors.Select((f, i) => $"{f.Label ?? f.Path}={Describe(f.Values[levels[i]])}"));
        var runs = study.Seeds.Select(seed => (seed, WithSeed(template, study.Name, label, seed, errors))).ToList();
        return new PlannedArm(index, label, values, runs);
    }

    static JsonObject WithSeed(JsonObject template, string studyName, string label, long seed, ValidationErrors errors)
    {
        var spec = template.DeepClone().AsObject();
        string name = $"{studyName} [{label}] seed {seed}";
        spec["name"] = name.Length <= 200 ? name : name[..200];
        if (spec["training"] is null) spec["training"] = new JsonObject();
        if (spec["training"] is JsonObject training) training["seed"] = seed;
        else errors.Add("$.base.training", "must be an object (the study writes each seed into training.seed)");
        return spec;
    }

    /// <summary>A value as a table shows it: scalars as written, an object by its kind (plus its other fields).</summary>
    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when value.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String =>
            Fields(value) is { Length: > 0 } rest ? $"{kind.GetString()}({rest})" : kind.GetString()!,
        _ => value.GetRawText(),
    };

    static string Fields(JsonElement value) => string.Join(" ", value.EnumerateObject().Where(p => p.Name != "kind").Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
}
