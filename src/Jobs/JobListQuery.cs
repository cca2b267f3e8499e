using TrainService.Contracts.Responses;

namespace TrainService.Jobs;

/// <summary>What a job listing may be narrowed to; every filter is optional and they combine with AND.</summary>
/// <param name="Status">Only jobs in this state.</param>
/// <param name="NamePrefix">Only jobs whose name starts with this (case-sensitive, as names are shown).</param>
/// <param name="CreatedAfter">Only jobs accepted strictly after this instant.</param>
public sealed record JobListQuery(JobStatus? Status = null, string? NamePrefix = null, DateTimeOffset? CreatedAfter = null, int Page = 1, int PageSize = 20);
