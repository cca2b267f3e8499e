using System.Reflection;
using Hangfire;
using Microsoft.OpenApi;
using Prometheus;
using Serilog;
using TrainService.Contracts.Json;
using TrainService.Contracts.Specs;

namespace TrainService.Api.Hosting;

public static class ApiSetup
{
    /// <summary>Strict JSON, ProblemDetails for every error, Swagger with every spec kind, health checks.</summary>
    public static IServiceCollection AddTrainServiceApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => ContractJson.Configure(json.SerializerOptions));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = NotFoundDetail.Add);
        services.AddExceptionHandler<BadRequestProblems>();
        // RequestBodyLimit enforces TrainService:MaxRequestBodyBytes; Kestrel's own 30 MB default would otherwise win when it is raised.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        // Binding failures throw, so BadRequestProblems can name the parameter (otherwise: an empty 400).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddSingleton<SpecJsonSchema>();
        services.AddHealthChecks().AddCheck<TrainServiceHealthCheck>("storage-and-torch");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "TrainService",
                Version = "v1",
                Description = "Train neural networks from declarative specs as background jobs; read metrics, checkpoints and predictions.",
            });
            swagger.UseOneOfForPolymorphism();
            swagger.SelectDiscriminatorNameUsing(_ => "kind");
            swagger.SupportNonNullableReferenceTypes();
            swagger.SchemaFilter<SpecExampleSchemaFilter>();
            swagger.SchemaFilter<StudySchemaFilter>();
            swagger.OperationFilter<DatasetUploadDocumentation>();
            swagger.OperationFilter<JobEventStreamDocumentation>();
            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(TrainingSpec).Assembly })
            {
                string xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml)) swagger.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static WebApplication UseTrainServiceApi(this WebApplication app)
    {
        // Outside the exception handler, so a request is logged once with the status the client got.
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "TrainService");
        return app;
    }

    /// <summary>TrainService:Role all or api: the HTTP API, the results page and Swagger are served.</summary>
    public static bool ServesApi(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrainService.Jobs.TrainServiceOptions>>().Value.Role is not TrainService.Jobs.ServiceRole.Worker;

    /// <summary>Health and the Hangfire dashboard (local requests only, Hangfire's default); <c>/</c> is the results page.</summary>
    public static WebApplication MapTrainServiceOperations(this WebApplication app)
    {
        // /health and /health/ready run every check; /health/live only says the process answers.
        app.MapHealthChecks("/health").WithName("Health");
        app.MapHealthChecks("/health/ready").WithName("Ready");
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).WithName("Live");
        app.MapMetrics("/metrics", app.Services.GetRequiredService<TrainService.Jobs.Monitoring.ServiceMetrics>().Registry);
        app.MapHangfireDashboard("/hangfire");
        return app;
    }
}
