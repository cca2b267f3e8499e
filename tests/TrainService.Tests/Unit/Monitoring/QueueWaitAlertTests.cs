using System.Globalization;
using System.Text.RegularExpressions;
using TrainService.Jobs.Monitoring;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Unit.Monitoring;

/// <summary>
/// The README's example alert can fire: histogram_quantile reports at most the largest finite
/// bucket bound, so with buckets ending below the rule's threshold the rule would never fire
/// (as it was when queue-wait buckets stopped at 2.7 minutes and the rule asked for 5).
/// </summary>
public sealed class QueueWaitAlertTests
{
    [Fact]
    public void ReadmeAlertThreshold_LiesInsideTheQueueWaitBuckets()
    {
        var rule = Regex.Match(RepositoryFiles.Read("README.md"),
            @"expr: histogram_quantile\([\d.]+, sum by \(le\) \(rate\(trainservice_job_queue_wait_seconds_bucket\[\w+\]\)\)\) > (?<seconds>[\d.]+)");
        Assert.True(rule.Success, "the README's queue-wait alert rule was not found");
        double threshold = double.Parse(rule.Groups["seconds"].Value, CultureInfo.InvariantCulture);

        // A bucket bound above the threshold, so waits beyond it are told apart from waits just below it.
        Assert.Contains(ServiceMetrics.QueueWaitBuckets, bound => bound > 2 * threshold);
        Assert.Contains(ServiceMetrics.QueueWaitBuckets, bound => bound < threshold);
    }
}
