using Serilog;

namespace TrainService.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog for every log of the process, configured from the "Serilog" section, plus one line per HTTP request.</summary>
    public static WebApplicationBuilder AddTrainServiceLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger: each host logs through its own logger, not the static Log.Logger that the
        // last host built would own, so two hosts in one process (tests) never write into each other's
        // sinks, and one stopping (Log.CloseAndFlush) never silences the other.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        return builder;
    }
}
