using TrainService.Api.Access;
using TrainService.Api.Endpoints;
using TrainService.Api.Hosting;
using TrainService.Jobs;

// `keys create|list|revoke …` manages API keys in the configured data folder and exits.
var (keysCommand, hostArgs) = KeysCommand.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);

builder.AddTrainServiceLogging();
builder.AddTrainServiceTracing();
builder.Services.AddTrainServiceJobs(builder.Configuration);
builder.Services.AddTrainServiceBackgroundJobs(builder.Configuration);
builder.Services.AddTrainServiceAccess(builder.Configuration);
builder.Services.AddTrainServiceApi();

var app = builder.Build();
if (keysCommand.Length > 0) return await KeysCommand.RunAsync(app, keysCommand);
if (!ListenPolicy.Check(app)) return 1;

app.UseTrainServiceApi();
// TrainService:Role worker serves only health, metrics and the dashboard.
bool servesApi = app.ServesApi();
if (servesApi) app.UseTrainServiceResultsPage();
app.UseTrainServiceAccess();
if (servesApi)
{
    app.MapJobsEndpoints();
    app.MapCheckpointsEndpoints();
    app.MapSpecsEndpoints();
    app.MapDatasetsEndpoints();
    app.MapDiagnosticsEndpoints();
    app.MapPlotsEndpoints();
    app.MapCompareEndpoints();
    app.MapStudiesEndpoints();
    app.MapSuitesEndpoints();
    app.MapKeysEndpoints();
    app.MapWhoAmIEndpoints();
}
app.MapTrainServiceOperations();

app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
