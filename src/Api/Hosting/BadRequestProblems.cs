using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TrainService.Api.Hosting;

/// <summary>
/// Turns the framework's bad-request exceptions (a query or route value that does not bind, a
/// body over the size limit) into ProblemDetails that name the parameter or the limit, instead
/// of an empty 400 or a 500. Bad input is the client's problem: logged as information, no stack.
/// </summary>
public sealed partial class BadRequestProblems(IProblemDetailsService problems, ILogger<BadRequestProblems> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;
        log.LogInformation("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Describe(bad),
            Exception = exception,
        });
    }

    static ProblemDetails Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return new ProblemDetails { Status = bad.StatusCode, Title = "Request body too large", Detail = bad.Message };
        // The framework's binding messages: Failed to bind parameter "int page" from "abc".
        var binding = BindingFailure().Match(bad.Message);
        if (!binding.Success)
            return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        string name = binding.Groups["name"].Value;
        string message = binding.Groups["value"].Success
            ? $"must be {Expected(binding.Groups["type"].Value)}, not '{binding.Groups["value"].Value}'"
            : "is required";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The query string or route is invalid",
        };
    }

    static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "Double" or "Single" => "a number",
        "Guid" => "a GUID",
        "bool" or "Boolean" => "true or false",
        var other => $"a {other}",
    };

    [GeneratedRegex("""parameter "(?<type>[^"]*) (?<name>\w+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial Regex BindingFailure();
}
