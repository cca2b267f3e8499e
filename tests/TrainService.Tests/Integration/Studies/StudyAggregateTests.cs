using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Studies;

/// <summary>
/// A 3-optimizer × 3-seed study through HTTP: it finishes, and every number of its arms table is
/// recomputed here from the jobs' own /metrics, with formulas independent of the service's
/// (t quantile from the table, the 2-df closed form of the t CDF, Wilcoxon by enumerating signs).
/// </summary>
public sealed class StudyAggregateTests : ServiceTest
{
    const double T975TwoDf = 4.3026527297;

    [Fact]
    public async Task ThreeArmsThreeSeeds_Finishes_AndAggregatesEqualTheJobsOwnMetrics()
    {
        var response = await Client.PostJsonTextAsync("/api/studies", StudySpecs.Study(StudySpecs.ThreeOptimizers));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<StudyResponse>();
        Assert.Equal(9, created.Jobs.Count);
        var study = await Client.WaitForStudyAsync(created.Id);
        Assert.True(study.Status == JobStatus.Succeeded, string.Join("; ", study.Jobs.Select(j => $"{j.Arm}/{j.Seed}: {j.Status}")));

        var finals = new Dictionary<(int Arm, long Seed), double>();
        var seconds = new Dictionary<int, List<double>>();
        foreach (var job in study.Jobs)
        {
            var metrics = (await Client.GetFromJsonAsync<MetricsResponse>($"/api/jobs/{job.JobId}/metrics", ContractJson.Options))!;
            var spec = (await Client.GetFromJsonAsync<JobResponse>($"/api/jobs/{job.JobId}", ContractJson.Options))!.Spec;
            Assert.Equal(job.Seed, spec.Training.Seed);
            Assert.Equal(20, metrics.Epochs.Count);
            finals[(job.Arm, job.Seed)] = metrics.Epochs[^1].ValLoss!.Value;
            Assert.Equal(finals[(job.Arm, job.Seed)], job.Objective);
            (seconds.TryGetValue(job.Arm, out var list) ? list : seconds[job.Arm] = []).AddRange(metrics.Epochs.Select(e => e.Seconds));
        }

        var means = Enumerable.Range(0, 3).ToDictionary(a => a, a => new[] { 1L, 2, 3 }.Average(s => finals[(a, s)]));
        var order = means.OrderBy(m => m.Value).Select(m => m.Key).ToList();
        Assert.Equal(order, study.Arms.Select(a => a.Arm));
        int best = order[0];
        foreach (var arm in study.Arms)
        {
            var x = new[] { 1L, 2, 3 }.Select(s => finals[(arm.Arm, s)]).ToArray();
            double mean = x.Average(), std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / 2);
            Assert.Equal(3, arm.N);
            Assert.Equal(order.IndexOf(arm.Arm) + 1, arm.Rank);
            Assert.Equal(mean, arm.Mean!.Value, 12);
            Assert.Equal(std, arm.Std!.Value, 12);
            Assert.Equal(mean - T975TwoDf * std / Math.Sqrt(3), arm.CiLow!.Value, 8);
            Assert.Equal(mean + T975TwoDf * std / Math.Sqrt(3), arm.CiHigh!.Value, 8);
            Assert.Equal(x.Min(), arm.Min);
            Assert.Equal(x.Max(), arm.Max);
            Assert.Equal(seconds[arm.Arm].Average(), arm.SecondsPerEpoch!.Value, 12);
            if (arm.Arm == best) { Assert.Null(arm.VsBest); continue; }

            var d = new[] { 1L, 2, 3 }.Select(s => finals[(arm.Arm, s)] - finals[(best, s)]).ToArray();
            double dMean = d.Average(), dStd = Math.Sqrt(d.Sum(v => (v - dMean) * (v - dMean)) / 2), t = dMean / (dStd / Math.Sqrt(3));
            Assert.Equal(3, arm.VsBest!.Pairs);
            Assert.Equal(dMean, arm.VsBest.MeanDifference!.Value, 12);
            // Two-sided p on 2 df: 1 − |t| / √(2 + t²).
            Assert.Equal(1 - Math.Abs(t) / Math.Sqrt(2 + t * t), arm.VsBest.PairedTP!.Value, 8);
            Assert.Equal(WilcoxonByEnumeration(d), arm.VsBest.WilcoxonP!.Value, 12);
        }

        await AssertTablesAgreeAsync(study);
    }

    /// <summary>Two-sided exact p: the share of the 2ⁿ sign patterns whose W+ is at least as extreme as the observed one.</summary>
    static double WilcoxonByEnumeration(double[] d)
    {
        var ranks = d.Select(v => 1.0 + d.Count(w => Math.Abs(w) < Math.Abs(v)) + 0.5 * (d.Count(w => Math.Abs(w) == Math.Abs(v)) - 1)).ToArray();
        double total = ranks.Sum(), observed = d.Select((v, i) => v > 0 ? ranks[i] : 0).Sum();
        double extreme = Math.Abs(observed - total / 2);
        int n = d.Length, count = 0;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            double w = Enumerable.Range(0, n).Where(i => (mask >> i & 1) == 1).Sum(i => ranks[i]);
            if (Math.Abs(w - total / 2) >= extreme - 1e-12) count++;
        }
        return (double)count / (1 << n);
    }

    async Task AssertTablesAgreeAsync(StudyResponse study)
    {
        var csv = await Client.GetAsync($"/api/studies/{study.Id}?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.StartsWith("rank,arm,label,n,mean,", lines[0]);
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(study.Arms[i].Arm.ToString(CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal(study.Arms[i].Mean, double.Parse(cells[4], CultureInfo.InvariantCulture));
        }

        var markdown = await Client.GetAsync($"/api/studies/{study.Id}?format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        var rows = (await markdown.Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("| rank | arm | n | mean valLoss |", rows[0]);
        Assert.StartsWith($"| 1 | {study.Arms[0].Label} | 3 | {study.Arms[0].Mean!.Value.ToString("0.0000", CultureInfo.InvariantCulture)} |", rows[2]);

        var list = (await Client.GetFromJsonAsync<List<StudySummary>>("/api/studies", ContractJson.Options))!;
        Assert.Equal((study.Id, JobStatus.Succeeded, 3, 9), (list.Single().Id, list.Single().Status, list.Single().Arms, list.Single().Jobs));
    }
}
