using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TrainService.Jobs.Access;

namespace TrainService.Api.Access;

/// <summary>
/// Declares the bearer scheme in the OpenAPI document (Swagger UI's Authorize button) and, on
/// each operation, that it needs a key and which scope.
/// </summary>
sealed class ApiKeyDocumentation : IOperationFilter
{
    public const string SchemeName = "apiKey";

    public static void AddTo(SwaggerGenOptions swagger)
    {
        swagger.AddSecurityDefinition(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (Auth:Mode keys), sent as 'Authorization: Bearer <key>' (or the X-Api-Key header). In Auth:Mode none no key is needed.",
        });
        swagger.OperationFilter<ApiKeyDocumentation>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var endpoint = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var scope = endpoint.OfType<RequiredScope>().Select(r => r.Scope).Where(s => s is not null).Max();
        if (scope is null) return;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        operation.Description = (operation.Description is { Length: > 0 } text ? text + "\n\n" : "") + $"Needs an API key with the `{ScopeNames.Name(scope.Value)}` scope (keys mode).";
    }
}
