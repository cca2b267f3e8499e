using System.Net.Http.Json;
using TrainService.Contracts.Json;
using TrainService.Contracts.Responses;

namespace TrainService.Tests.Integration.Studies;

/// <summary>Study documents on XOR (small, generated, trains in a fraction of a second) and polling to their end.</summary>
public static class StudySpecs
{
    public static string XorBase(int epochs = 20, int samples = 200) => $$$"""
        {"name": "base",
         "dataset": {"kind": "xor", "samples": {{{samples}}}, "noise": 0.1, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": {{{epochs}}}, "batchSize": 32, "seed": 0, "validationSplit": 0.25}}
        """;

    /// <summary>A study over <paramref name="factors"/> (a JSON array) on the XOR base.</summary>
    public static string Study(string factors, string seeds = "[1, 2, 3]", string objective = """{"metric": "valLoss", "mode": "min"}""", string? baseSpec = null, string? scheduler = null) => $$"""
        {"name": "xor study", "base": {{baseSpec ?? XorBase()}}, "factors": {{factors}}, "seeds": {{seeds}}, "objective": {{objective}}{{(scheduler is null ? "" : $", \"scheduler\": {scheduler}")}}}
        """;

    public const string ThreeOptimizers = """
        [{"path": "$.optimizer", "label": "optimizer",
          "values": [{"kind": "adam", "lr": 0.05}, {"kind": "sgd", "lr": 0.5}, {"kind": "rmsprop", "lr": 0.01}]}]
        """;

    public static async Task<StudyResponse> WaitForStudyAsync(this HttpClient client, Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180));
        while (true)
        {
            var study = (await client.GetFromJsonAsync<StudyResponse>($"/api/studies/{id}", ContractJson.Options))!;
            if (study.Status is not (JobStatus.Queued or JobStatus.Running)) return study;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Study {id} still {study.Status} after the timeout.");
            await Task.Delay(100);
        }
    }
}
