namespace TrainService.Models.Validation;

/// <summary>Errors keyed by the JSON path of the offending field, in the shape ProblemDetails wants.</summary>
public sealed class ValidationErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    /// <summary>How many messages in all (a path can carry several).</summary>
    public int Count => errors.Values.Sum(list => list.Count);

    public void AddRange(IEnumerable<KeyValuePair<string, string[]>> more)
    {
        foreach (var (path, messages) in more)
            foreach (var message in messages) Add(path, message);
    }

    public void Add(string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
