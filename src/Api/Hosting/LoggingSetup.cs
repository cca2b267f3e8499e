using Serilog;

namespace TrainService.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog for every log of the process, configured from the "Serilog" section, plus one line per HTTP request.</summary>
    public static WebApplicationBuilder AddTrainServiceLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
