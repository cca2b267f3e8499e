using Microsoft.AspNetCore.Http;

namespace TrainService.Api.Hosting;

/// <summary>
/// A 404 that no endpoint wrote (no route matched, e.g. a job id that is not a GUID) says what
/// was looked for, instead of a bare "Not Found".
/// </summary>
static class NotFoundDetail
{
    public static void Add(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status404NotFound || problem.Detail is not null) return;
        problem.Detail = $"Nothing is served at {context.HttpContext.Request.Path}. Job and dataset ids are GUIDs, e.g. /api/jobs/019ae2c4-5b1e-7c3a-9f00-2d4c6e8a1b3f; see /swagger for every route.";
    }
}
