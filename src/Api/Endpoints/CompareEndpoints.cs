namespace TrainService.Api.Endpoints;

public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder app) => app;
}
