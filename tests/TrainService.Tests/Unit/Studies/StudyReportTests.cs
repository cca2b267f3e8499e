using System.Text.Json;
using TrainService.Contracts.Responses;
using TrainService.Contracts.Specs.Studies;
using TrainService.Jobs.Studies;

namespace TrainService.Tests.Unit.Studies;

/// <summary>Ranking by mode, pairing by seed, and a study's status derived from its jobs.</summary>
public sealed class StudyReportTests
{
    static readonly StoredArm[] Arms = [Arm(0), Arm(1), Arm(2)];

    static StoredArm Arm(int i) => new(i, $"arm {i}", new Dictionary<string, JsonElement>());

    static JobOutcomeForStudy Job(int arm, long seed, double? objective, JobStatus status = JobStatus.Succeeded) =>
        new(new StudyJob(Guid.NewGuid(), arm, seed, status, objective), [0.5]);

    static readonly JobOutcomeForStudy[] Jobs =
    [
        Job(0, 1, 0.9), Job(0, 2, 0.8), Job(0, 3, 0.7),
        Job(1, 1, 0.5), Job(1, 2, 0.6), Job(1, 3, null, JobStatus.Failed),
        Job(2, 1, null, JobStatus.Cancelled), Job(2, 2, null, JobStatus.Cancelled), Job(2, 3, null, JobStatus.Cancelled),
    ];

    [Fact]
    public void Max_RanksHighestMeanFirst_PairsOnSharedSeeds_NoResultsLast()
    {
        var (arms, status) = StudyReport.Build(Arms, Jobs, ObjectiveMode.Max);
        Assert.Equal([0, 1, 2], arms.Select(a => a.Arm));
        Assert.Equal([1, 2, (int?)null], arms.Select(a => a.Rank));
        Assert.Null(arms[0].VsBest);
        // Arm 1 has seeds 1 and 2; arm 0 has 0.9 and 0.8 there: differences −0.4, −0.2.
        Assert.Equal(2, arms[1].VsBest!.Pairs);
        Assert.Equal(-0.3, arms[1].VsBest!.MeanDifference!.Value, 12);
        Assert.Equal((0, null, null), (arms[2].N, arms[2].Mean, arms[2].VsBest));
        Assert.Equal(JobStatus.Cancelled, status);
    }

    [Fact]
    public void Min_RanksLowestMeanFirst() =>
        Assert.Equal([1, 0, 2], StudyReport.Build(Arms, Jobs, ObjectiveMode.Min).Arms.Select(a => a.Arm));

    [Theory]
    [InlineData(new[] { JobStatus.Queued, JobStatus.Queued }, JobStatus.Queued)]
    [InlineData(new[] { JobStatus.Queued, JobStatus.Succeeded }, JobStatus.Running)]
    [InlineData(new[] { JobStatus.Running, JobStatus.Failed }, JobStatus.Running)]
    [InlineData(new[] { JobStatus.Failed, JobStatus.Cancelled, JobStatus.Succeeded }, JobStatus.Cancelled)]
    [InlineData(new[] { JobStatus.Failed, JobStatus.Succeeded }, JobStatus.Failed)]
    [InlineData(new[] { JobStatus.Succeeded, JobStatus.Succeeded }, JobStatus.Succeeded)]
    public void Status_DerivedFromJobs(JobStatus[] jobs, JobStatus expected) => Assert.Equal(expected, StudyReport.StatusOf(jobs));
}
