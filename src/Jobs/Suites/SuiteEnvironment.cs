using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using TrainService.Contracts.Responses;

namespace TrainService.Jobs.Suites;

/// <summary>What a suite run records about where and on which build it ran.</summary>
public sealed class SuiteEnvironment(IOptions<TrainServiceOptions> options)
{
    /// <summary>
    /// The informational version the build stamped: the version, then "+" and the commit it was built
    /// from (the SDK's source link reads it from git; see Directory.Build.props).
    /// </summary>
    public static string ServiceVersion { get; } =
        typeof(SuiteEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public SuiteMachine Machine()
    {
        var settings = options.Value;
        string host = Environment.MachineName;
        int cores = Environment.ProcessorCount, threads = settings.EffectiveTorchThreads, workers = settings.TrainingWorkers;
        return new SuiteMachine(host, cores, threads, workers, RuntimeInformation.OSDescription, $"{host}/{cores} cores/{threads} torch threads/{workers} workers", LoadAverage());
    }

    static double? LoadAverage()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
