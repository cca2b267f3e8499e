using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Acceptance 2: 30 residual blocks without batch norm — the activation variance after each block
/// grows block by block (h + f(h) adds the branch's variance, which He initialisation keeps equal to
/// h's: the variance grows geometrically); with batch norm after each block it stays bounded.
/// </summary>
public sealed class ResidualVarianceTests(ITestOutputHelper output) : ServiceTest
{
    [Fact]
    public async Task ThirtyResidualBlocks_VarianceGrowsWithoutBatchNorm_StaysBoundedWithIt()
    {
        var plain = await BlockVariancesAsync(CatalogSpecs.Norm.None);
        var inBranch = await BlockVariancesAsync(CatalogSpecs.Norm.InBranch);
        var afterBlock = await BlockVariancesAsync(CatalogSpecs.Norm.AfterBlock);
        output.WriteLine("no batch norm:           " + string.Join(", ", plain.Select(v => v.ToString("G3"))));
        output.WriteLine("batch norm in branch:    " + string.Join(", ", inBranch.Select(v => v.ToString("G3"))));
        output.WriteLine("batch norm after blocks: " + string.Join(", ", afterBlock.Select(v => v.ToString("G3"))));
        Assert.Equal(30, plain.Count);
        int increases = plain.Zip(plain.Skip(1), (a, b) => b > a ? 1 : 0).Sum();
        Assert.True(increases >= 27, $"variance rose after only {increases} of 29 blocks");
        Assert.True(plain[^1] > 1000 * plain[0], $"variance {plain[0]} → {plain[^1]}");
        Assert.Equal(30, afterBlock.Count);
        Assert.True(afterBlock.Max() < 8, $"variance after blocks with batch norm reached {afterBlock.Max()}");
        // Batch norm at the end of each branch adds about one unit of variance per block: linear, not geometric, growth.
        Assert.True(inBranch[^1] < 2 * 30, $"in-branch batch norm reached {inBranch[^1]}");
    }

    async Task<IReadOnlyList<double>> BlockVariancesAsync(CatalogSpecs.Norm norm)
    {
        var created = await Client.PostJsonTextAsync("/api/jobs", CatalogSpecs.ResidualStack(30, norm));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await Client.WaitForFinalStateAsync((await created.ReadAsync<JobResponse>()).Id);
        Assert.True(job.Status == JobStatus.Succeeded, $"{job.Status}: {job.FailureReason}");
        var diagnostics = await (await Client.GetAsync($"/api/jobs/{job.Id}/diagnostics")).ReadAsync<DiagnosticsResponse>();
        return diagnostics.Series.Where(s => s.Metric == "activationVariance" && s.Layer.EndsWith("_residual", StringComparison.Ordinal))
            .Select(s => s.Points.Single(p => p.Step == 1).Value).ToList();
    }
}
