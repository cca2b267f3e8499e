using System.Globalization;
using TrainService.Contracts.Responses;
using TrainService.Jobs;

namespace TrainService.Api.Endpoints;

/// <summary>
/// Reads the job listing's query string by hand, so that every bad parameter is named in one
/// ProblemDetails instead of the framework's bare 400 for the first one.
/// </summary>
static class JobListQueryParser
{
    static readonly string StatusNames = string.Join(", ", Enum.GetNames<JobStatus>().Select(n => n.ToLowerInvariant()));

    public static JobListQuery Parse(string? status, string? name, string? createdAfter, string? page, string? pageSize,
        out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>();
        JobStatus? wantedStatus = null;
        if (status is not null)
        {
            // Names only: Enum.TryParse would also take "3".
            wantedStatus = Enum.GetValues<JobStatus>().Cast<JobStatus?>()
                .FirstOrDefault(s => s.ToString()!.Equals(status, StringComparison.OrdinalIgnoreCase));
            if (wantedStatus is null) found["status"] = [$"'{status}' is not a status; use one of {StatusNames}"];
        }
        if (name is { Length: > 200 }) found["name"] = ["must have at most 200 characters"];
        DateTimeOffset? after = null;
        if (createdAfter is not null)
        {
            if (DateTimeOffset.TryParse(createdAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) after = instant.ToUniversalTime();
            else found["createdAfter"] = [$"'{createdAfter}' is not an ISO 8601 date or instant (e.g. 2026-12-01 or 2026-12-01T10:00:00Z)"];
        }
        // (page - 1) · pageSize must fit an int for Skip.
        int pageNumber = Integer(page, "page", 1, 1, int.MaxValue / 200, found);
        int size = Integer(pageSize, "pageSize", 20, 1, 200, found);
        errors = found;
        return new JobListQuery(wantedStatus, name, after, pageNumber, size);
    }

    static int Integer(string? raw, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (raw is null) return fallback;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max) return value;
        errors[name] = [$"must be a whole number between {min} and {max}, not '{raw}'"];
        return fallback;
    }
}
