using System.Reflection;
using Hangfire;
using Microsoft.OpenApi;
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
        services.AddProblemDetails();
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
            swagger.OperationFilter<DatasetUploadDocumentation>();
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
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "TrainService");
        return app;
    }

    /// <summary>Health and the Hangfire dashboard (local requests only, Hangfire's default); <c>/</c> is the results page.</summary>
    public static WebApplication MapTrainServiceOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health").WithName("Health");
        app.MapHangfireDashboard("/hangfire");
        return app;
    }
}
