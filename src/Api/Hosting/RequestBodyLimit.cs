using Microsoft.Extensions.Options;
using TrainService.Jobs;

namespace TrainService.Api.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="TrainServiceOptions.MaxRequestBodyBytes"/>, declared
/// (Content-Length) or discovered while reading (chunked), with the same 413 everywhere. Kestrel
/// has the same limit; this middleware also holds where Kestrel is not the server (tests) and
/// gives the refusal one message that names the setting.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<TrainServiceOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        long limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit) throw TooLarge(limit);
        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        return next(context);
    }

    internal static BadHttpRequestException TooLarge(long limit) => new(
        $"The request body is larger than the limit of {limit} bytes (setting TrainService:MaxRequestBodyBytes).",
        StatusCodes.Status413PayloadTooLarge);
}
