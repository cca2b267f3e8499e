using System.Net;
using TrainService.Contracts.Responses;
using TrainService.Tests.Infrastructure;

namespace TrainService.Tests.Integration;

/// <summary>biasInit, inputInit/recurrentInit and forgetGateBias: each bad field a 400 at its JSON path through both doors; good ones accepted.</summary>
public sealed class InitValidationTests(TrainServiceFactory factory) : IClassFixture<TrainServiceFactory>
{
    const string Xor = Specs.ReadmeXor;
    const string FirstLayer = "{\"kind\": \"linear\", \"units\": 4, \"activation\": \"tanh\"}";
    static readonly string[] Doors = SpecDoors.All;

    static string Sequence(string layer) => $$$"""
        {"name": "rnn", "dataset": {"kind": "adding", "length": 10, "samples": 64},
         "model": {"inputShape": [10, 2], "layers": [{{{layer}}}, {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"}, "optimizer": {"kind": "sgd", "lr": 0.01}, "training": {"epochs": 1}}
        """;

    public static TheoryData<string, string, string> BadSpecs => new()
    {
        { "orthogonal bias", Xor.Replace(FirstLayer, "{\"kind\": \"linear\", \"units\": 4, \"activation\": \"tanh\", \"biasInit\": {\"scheme\": \"orthogonal\"}}"), "$.model.layers[0].biasInit.scheme" },
        { "biasInit without a bias", Xor.Replace(FirstLayer, "{\"kind\": \"linear\", \"units\": 4, \"bias\": false, \"biasInit\": {\"scheme\": \"zeros\"}}"), "$.model.layers[0].biasInit" },
        { "model orthogonal bias", Xor.Replace("\"inputShape\": [2],", "\"inputShape\": [2], \"biasInit\": {\"scheme\": \"orthogonal\"},"), "$.model.biasInit.scheme" },
        { "constant out of range", Xor.Replace(FirstLayer, "{\"kind\": \"linear\", \"units\": 4, \"biasInit\": {\"scheme\": \"constant\", \"value\": 1e9}}"), "$.model.layers[0].biasInit.value" },
        { "unknown scheme", Xor.Replace(FirstLayer, "{\"kind\": \"linear\", \"units\": 4, \"biasInit\": {\"scheme\": \"ones\"}}"), "$.model.layers[0].biasInit.scheme" },
        { "rnn's old init field", Sequence("{\"kind\": \"rnn\", \"hidden\": 8, \"init\": {\"scheme\": \"he_normal\"}}"), "$.model.layers[0].init" },
        { "recurrent std out of range", Sequence("{\"kind\": \"rnn\", \"hidden\": 8, \"recurrentInit\": {\"scheme\": \"normal\", \"std\": 100}}"), "$.model.layers[0].recurrentInit.std" },
        { "forget gate bias out of range", Sequence("{\"kind\": \"lstm\", \"hidden\": 8, \"forgetGateBias\": 50}"), "$.model.layers[0].forgetGateBias" },
        { "forget gate bias on a gru", Sequence("{\"kind\": \"gru\", \"hidden\": 8, \"forgetGateBias\": 1}"), "$.model.layers[0].forgetGateBias" },
        { "orthogonal recurrent bias", Sequence("{\"kind\": \"gru\", \"hidden\": 8, \"biasInit\": {\"scheme\": \"orthogonal\"}}"), "$.model.layers[0].biasInit.scheme" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public Task BadInitialiser_Is400AtItsPath_FromBothDoors(string name, string spec, string path) =>
        SpecDoors.AssertRefusedAtAsync(factory.CreateClient(), name, spec, path);

    [Fact]
    public async Task EveryInitialiserField_IsAccepted_AndCountsNoExtraParameters()
    {
        var lstm = Sequence("""
            {"kind": "lstm", "hidden": 8, "inputInit": {"scheme": "xavier_uniform"}, "recurrentInit": {"scheme": "normal", "std": 0.5},
             "biasInit": {"scheme": "zeros"}, "forgetGateBias": 1}
            """).Replace("\"inputShape\": [10, 2],", "\"inputShape\": [10, 2], \"biasInit\": {\"scheme\": \"constant\", \"value\": 0.1},");
        var response = await factory.CreateClient().PostJsonTextAsync("/api/specs/validate", lstm);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadAsync<SpecValidationResponse>();
        Assert.Equal(4 * (8 * 2 + 8 * 8 + 2 * 8) + 8 + 1, body.Parameters);
    }
}
