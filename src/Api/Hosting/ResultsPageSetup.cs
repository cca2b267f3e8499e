using Microsoft.Extensions.FileProviders;

namespace TrainService.Api.Hosting;

public static class ResultsPageSetup
{
    /// <summary>
    /// The results page at <c>/</c>: static files from <c>wwwroot</c> beside the assembly rather than under the
    /// content root, so <c>dotnet bin/…/TrainService.Api.dll</c> serves it from any working directory.
    /// </summary>
    public static WebApplication UseTrainServiceResultsPage(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Revalidate on every load (ETag), so a new build's page is never mixed with an old cached script.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
