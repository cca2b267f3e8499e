using System.Net;
using System.Text;
using System.Text.Json;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration.Catalog;

/// <summary>Acceptance 4: malformed specs give a 400 ProblemDetails naming the right JSON path, never a 5xx.</summary>
public sealed class CatalogValidationTests : ServiceTest
{

    const string Xor = """{"kind":"xor","samples":8}""";
    const string Adam = """{"kind":"adam"}""";
    const string Bce = """{"kind":"bce"}""";
    const string Head = """{"kind":"linear","units":1,"activation":"sigmoid"}""";

    static string Spec(string layers, string inputShape = "[2]", string dataset = Xor, string loss = Bce, string training = """{"batchSize":4}""") =>
        CatalogHttp.Spec(dataset, inputShape, layers, loss, Adam, training);

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "linear after conv needs flatten", Spec("""{"kind":"conv2d","filters":4},""" + Head, "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}"""), "$.model.layers[1]" },
        { "conv2d on flat input", Spec("""{"kind":"conv2d","filters":4},""" + Head), "$.model.layers[0]" },
        { "kernel larger than image", Spec("""{"kind":"conv2d","filters":2,"kernel":9},{"kind":"flatten"},{"kind":"linear","units":3}""", "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}"""), "$.model.layers[0]" },
        { "pool window larger than image", Spec("""{"kind":"maxpool2d","size":9},{"kind":"flatten"},{"kind":"linear","units":3}""", "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}"""), "$.model.layers[0]" },
        { "nested residual mismatch", Spec("""{"kind":"residual","layers":[{"kind":"linear","units":4},{"kind":"conv2d","filters":2}]},""" + Head), "$.model.layers[0].layers[1]" },
        { "residual without branch", Spec("""{"kind":"residual"},""" + Head), "$.model.layers[0].layers" },
        { "dense_concat branch changes H, W", Spec("""{"kind":"dense_concat","layers":[{"kind":"conv2d","filters":2}]},{"kind":"flatten"},{"kind":"linear","units":3}""", "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}"""), "$.model.layers[0]" },
        { "lstm on flat input", Spec("""{"kind":"lstm","hidden":4},""" + Head), "$.model.layers[0]" },
        { "alpha on relu", Spec("""{"kind":"activation","function":"relu","alpha":0.1},""" + Head), "$.model.layers[0].alpha" },
        { "rnn with sigmoid", Spec("""{"kind":"rnn","hidden":4,"nonlinearity":"sigmoid"},{"kind":"linear","units":1}""", "[20, 2]", """{"kind":"adding"}""", """{"kind":"mse"}"""), "$.model.layers[0].nonlinearity" },
        { "bce without sigmoid", Spec("""{"kind":"linear","units":1}"""), "$.model.layers[0].activation" },
        { "cross_entropy with wrong class count", Spec("""{"kind":"flatten"},{"kind":"linear","units":2}""", "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}"""), "$.loss.kind" },
        { "triplet without triplet data", Spec(Head, loss: """{"kind":"triplet"}"""), "$.loss.kind" },
        { "batchnorm with batch size 1", Spec("""{"kind":"linear","units":4},{"kind":"batchnorm"},""" + Head, training: """{"batchSize":1}"""), "$.training.batchSize" },
        { "tbptt with bidirectional", Spec("""{"kind":"lstm","hidden":4,"bidirectional":true},{"kind":"linear","units":1}""", "[20, 2]", """{"kind":"adding"}""", """{"kind":"mse"}""", """{"tbpttWindow":5}"""), "$.model.layers[0].bidirectional" },
        { "too many parameters", Spec("""{"kind":"linear","units":65536},{"kind":"linear","units":65536},""" + Head), "$.model" },
        { "unknown activation", Spec("""{"kind":"linear","units":2,"activation":"swishy"},""" + Head), "$.model.layers[0].activation" },
        { "dropout p out of range", Spec("""{"kind":"dropout","p":1.5},""" + Head), "$.model.layers[0].p" },
        { "unknown init scheme field", Spec("""{"kind":"linear","units":2,"init":{"scheme":"he_normal","gain":2}},""" + Head), "$.model.layers[0].init.gain" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedSpec_Returns400_NamingThePath(string description, string spec, string path)
    {
        foreach (var url in new[] { "/api/specs/validate", "/api/jobs" })
        {
            var response = await Client.PostAsync(url, new StringContent(spec, Encoding.UTF8, "application/json"));
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)response.StatusCode} {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            // The exact path: a prefix would let layers[1] pass for layers[10], and $.model for anything under it.
            Assert.True(errors.EnumerateObject().Any(e => e.Name == path), $"{description}: expected {path} in {body}");
        }
    }

    [Fact]
    public async Task ValidSpec_ReturnsEachLayersShape_AndTheParameterCount()
    {
        string spec = Spec("""{"kind":"conv2d","filters":4,"padding":1,"activation":"relu"},{"kind":"maxpool2d"},{"kind":"residual","layers":[{"kind":"conv2d","filters":4,"padding":1}]},{"kind":"flatten"},{"kind":"linear","units":3}""",
            "[1, 8, 8]", """{"kind":"synthetic_images"}""", """{"kind":"cross_entropy"}""");
        var response = await Client.PostAsync("/api/specs/validate", new StringContent(spec, Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var root = JsonDocument.Parse(body).RootElement;
        var shapes = root.GetProperty("layers").EnumerateArray().Select(l => string.Join(",", l.GetProperty("outputShape").EnumerateArray().Select(d => d.GetInt32()))).ToList();
        Assert.Equal(["4,8,8", "4,4,4", "4,4,4", "64", "3"], shapes);
        long expected = (4 * 1 * 9 + 4) + (4 * 4 * 9 + 4) + (64 * 3 + 3);
        Assert.Equal(expected, root.GetProperty("parameters").GetInt64());
    }
}
