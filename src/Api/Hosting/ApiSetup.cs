using System.Reflection;
using Hangfire;
using Microsoft.OpenApi;
using Prometheus;
using Microsoft.Extensions.Options;
using Serilog;
using TrainService.Api.Access;
using TrainService.Jobs.Access;
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
            ApiKeyDocumentation.AddTo(swagger);
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
        // The host's own logger (see LoggingSetup); left unset, the middleware writes to the static Log.Logger.
        app.UseSerilogRequestLogging(requests => requests.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "TrainService");
        return app;
    }

    /// <summary>TrainService:Role all or api: the HTTP API, the results page and Swagger are served.</summary>
    public static bool ServesApi(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<TrainService.Jobs.TrainServiceOptions>>().Value.Role is not TrainService.Jobs.ServiceRole.Worker;

    /// <summary>
    /// Health and Prometheus metrics (open: probes and scrapers carry no key) and the Hangfire
    /// dashboard: an admin key in keys mode (Basic login, the key as password), else local
    /// requests only (Hangfire's default). <c>/</c> is the results page.
    /// </summary>
    public static WebApplication MapTrainServiceOperations(this WebApplication app)
    {
        // /health and /health/ready run every check; /health/live only says the process answers.
        app.MapHealthChecks("/health").WithName("Health").AllowWithoutKey();
        app.MapHealthChecks("/health/ready").WithName("Ready").AllowWithoutKey();
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).WithName("Live").AllowWithoutKey();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<TrainService.Jobs.Monitoring.ServiceMetrics>().Registry).AllowWithoutKey();
        bool keys = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.Mode == AuthMode.Keys;
        // In keys mode the endpoint's admin scope is the gate, so Hangfire's local-only filter is dropped.
        var dashboard = keys ? new DashboardOptions { Authorization = [] } : new DashboardOptions();
        app.MapHangfireDashboard(AccessSetup.DashboardPath, dashboard).RequireScope(TrainService.Contracts.Access.Scope.Admin);
        return app;
    }
}
