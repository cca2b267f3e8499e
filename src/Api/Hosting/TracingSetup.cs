using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TrainService.Jobs.Monitoring;

namespace TrainService.Api.Hosting;

public static class TracingSetup
{
    /// <summary>The standard OpenTelemetry variable; unset, spans are made (logs carry their ids) but sent nowhere.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Spans for HTTP requests and for each job's training, whose parent is the submit request's
    /// context (<see cref="JobTracing"/>). Exported over OTLP only when an endpoint is configured;
    /// the exporter reads the other standard OTEL_* variables (protocol, headers) itself.
    /// </summary>
    public static WebApplicationBuilder AddTrainServiceTracing(this WebApplicationBuilder builder)
    {
        bool export = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? "trainservice",
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(JobTracing.SourceName);
                // Probes and scrapes every few seconds would bury the requests worth reading.
                tracing.AddAspNetCoreInstrumentation(http => http.Filter = context => !IsProbe(context.Request.Path));
                if (export) tracing.AddOtlpExporter();
            });
        return builder;
    }

    static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
