using TrainService.Api.Endpoints;
using TrainService.Api.Hosting;
using TrainService.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddTrainServiceLogging();
builder.Services.AddTrainServiceJobs(builder.Configuration);
builder.Services.AddTrainServiceBackgroundJobs(builder.Configuration);
builder.Services.AddTrainServiceApi();

var app = builder.Build();

app.UseTrainServiceApi();
if (app.ServesApi()) // TrainService:Role worker serves only health and metrics
{
    app.UseTrainServiceResultsPage();
    app.MapJobsEndpoints();
    app.MapCheckpointsEndpoints();
    app.MapSpecsEndpoints();
    app.MapDatasetsEndpoints();
    app.MapDiagnosticsEndpoints();
    app.MapPlotsEndpoints();
    app.MapCompareEndpoints();
    app.MapStudiesEndpoints();
}
app.MapTrainServiceOperations();

app.Run();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
