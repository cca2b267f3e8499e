namespace TrainService.Jobs.Plots;

/// <summary>
/// Legend labels for several jobs: the job's name, and only where names collide the shortest tail of
/// the id that tells the colliding jobs apart. A UUIDv7 begins with its creation time, so jobs made in
/// the same minute share their first eight digits; the random tail is what differs.
/// </summary>
public static class LegendLabels
{
    /// <summary>Long names would squeeze the data area; a legend label keeps this many characters.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Four digits at least: fewer are hard to find again in an id.</summary>
    public const int MinSuffixLength = 4;

    public static IReadOnlyList<string> For(IReadOnlyList<(Guid Id, string Name)> jobs)
    {
        var names = jobs.Select(j => Shorten(j.Name)).ToList();
        var labels = new string[jobs.Count];
        foreach (var group in Enumerable.Range(0, jobs.Count).GroupBy(i => names[i]))
        {
            var members = group.ToList();
            if (members.Count == 1) { labels[members[0]] = group.Key; continue; }
            var hex = members.Select(i => jobs[i].Id.ToString("N")).ToList();
            int length = Enumerable.Range(MinSuffixLength, 32 - MinSuffixLength + 1)
                .FirstOrDefault(n => hex.Select(h => h[^n..]).Distinct().Count() == hex.Count, 32);
            for (int k = 0; k < members.Count; k++) labels[members[k]] = $"{group.Key} …{hex[k][^length..]}";
        }
        return labels;
    }

    static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "…";
}
