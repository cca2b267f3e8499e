namespace TrainService.Api.Endpoints;

public static class PlotsEndpoints
{
    public static IEndpointRouteBuilder MapPlotsEndpoints(this IEndpointRouteBuilder app) => app;
}
