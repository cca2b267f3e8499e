using System.Net;
using System.Text;
using System.Text.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>
/// Bodies over TrainService:MaxRequestBodyBytes get one 413 naming the limit, declared or chunked,
/// on every endpoint. Over real Kestrel and HTTP/1.1, so a chunked body really travels without a
/// Content-Length and Kestrel's own limit is in play.
/// </summary>
public sealed class RequestBodyLimitTests() : ServiceTest(OnKestrel())
{
    static TrainServiceFactory OnKestrel()
    {
        var factory = new TrainServiceFactory { Settings = new Dictionary<string, string> { ["TrainService:MaxRequestBodyBytes"] = "10000" } };
        factory.UseKestrel(0);
        return factory;
    }

    // Valid JSON, padded past the limit with a long name so only the size is wrong.
    static readonly string Oversized = Specs.Xor(epochs: 1).Replace("\"name\": \"xor-1\"", $"\"name\": \"{new string('x', 20_000)}\"");

    public static TheoryData<string> Endpoints => new()
    {
        "/api/jobs",
        "/api/specs/validate",
        "/api/jobs/0190a000-0000-7000-8000-000000000000/predict",
        "/api/datasets?task=binary&target=y",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task DeclaredLength_OverTheLimit_Is413NamingIt(string url)
    {
        var response = await Client.PostAsync(url, new StringContent(Oversized, Encoding.UTF8, "application/json"));
        await AssertTooLargeAsync(response);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ChunkedBody_OverTheLimit_Is413NamingIt(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ChunkedJson(Encoding.UTF8.GetBytes(Oversized)) };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task BodyUnderTheLimit_StillWorks()
    {
        var response = await Client.PostJsonTextAsync("/api/specs/validate", Specs.Xor(epochs: 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("limit of 10000 bytes (setting TrainService:MaxRequestBodyBytes)", problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>A body whose length the client cannot know up front, written in 1 KB pieces, so it is sent chunked.</summary>
    sealed class ChunkedJson : HttpContent
    {
        readonly byte[] bytes;

        public ChunkedJson(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (int offset = 0; offset < bytes.Length; offset += 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(1024, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
