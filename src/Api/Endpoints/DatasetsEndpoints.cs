using TrainService.Api.Access;
using TrainService.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainService.Api.Hosting;
using TrainService.Contracts.Responses;
using TrainService.Jobs;
using TrainService.Jobs.Access;
using TrainService.Jobs.Datasets;

namespace TrainService.Api.Endpoints;

public static class DatasetsEndpoints
{
    public static IEndpointRouteBuilder MapDatasetsEndpoints(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/datasets").WithTags("Datasets");
        datasets.MapPost("/", Upload).WithName(DatasetUploadDocumentation.OperationName)
            .WithSummary("Upload a CSV or JSON dataset (multipart/form-data: file, task, target, optional features and name)")
            // No Accepts<…>(): routing would answer 415 before DatasetFormReader explains the problem in a 400;
            // DatasetUploadDocumentation describes the form in OpenAPI instead.
            .DisableAntiforgery().RequireScope(Scope.Submit);
        datasets.MapGet("/", List).WithName("ListDatasets").WithSummary("List uploaded datasets, newest first").RequireScope(Scope.Read);
        datasets.MapGet("/{id:guid}", Get).WithName("GetDataset").WithSummary("An uploaded dataset's columns, row count and class balance").RequireScope(Scope.Read);
        datasets.MapDelete("/{id:guid}", Delete).WithName("DeleteDataset").WithSummary("Delete an uploaded dataset (models trained on it keep working)").RequireScope(Scope.Submit);
        return app;
    }

    static async Task<Results<Created<DatasetResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpRequest request, HttpResponse response, DatasetStore store, IOptions<TrainServiceOptions> options, IOptions<AccessOptions> quota, CancellationToken ct)
    {
        var (form, problem) = await DatasetFormReader.ReadAsync(request, options.Value.MaxDatasetBytes, ct);
        if (problem is not null) return Invalid(problem);
        var (dataset, errors) = DatasetUploadValidator.Validate(form!, options.Value.MaxDatasetColumns);
        if (dataset is null) return Invalid(errors.ToDictionary());
        var (created, refusal) = await store.CreateAsync(dataset, ct);
        if (created is null)
        {
            response.Headers.RetryAfter = "60";
            return TypedResults.Problem(title: "Upload quota exceeded", statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"This owner may keep {quota.Value.MaxUploadedBytesPerOwner} bytes of uploaded datasets ({refusal}); delete some and retry.");
        }
        return TypedResults.Created($"/api/datasets/{created.Id}", created);
    }

    static async Task<Results<Ok<PagedList<DatasetResponse>>, ValidationProblem>> List(DatasetStore store, CancellationToken ct, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > 200) errors["pageSize"] = ["must be between 1 and 200"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await store.ListAsync(page, pageSize, ct));
    }

    static async Task<Results<Ok<DatasetResponse>, NotFound<ProblemDetails>>> Get(Guid id, DatasetStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } dataset ? TypedResults.Ok(dataset) : NotFound(id);

    static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(Guid id, DatasetStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);

    static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The dataset upload is invalid");

    static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Dataset not found", Detail = $"No uploaded dataset has id {id}.", Status = 404 });
}
