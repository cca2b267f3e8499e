namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>Spec documents for the diagnostics tests: deep MLPs on the shipped breast-cancer data (30 features, 569 rows).</summary>
public static class DiagnosticsSpecs
{
    /// <summary><paramref name="depth"/> linear layers of <paramref name="width"/> units with <paramref name="activation"/>, then one sigmoid unit.</summary>
    public static string DeepMlp(string activation, int depth = 10, int width = 16, int epochs = 2, string diagnostics = """{"every": 1, "unit": "epochs"}""")
    {
        var hidden = string.Join(",", Enumerable.Repeat($$"""{"kind": "linear", "units": {{width}}, "activation": "{{activation}}"}""", depth - 1));
        return $$"""
            {"name": "deep-{{activation}}",
             "dataset": {"kind": "breast_cancer"},
             "model": {"inputShape": [30], "layers": [{{hidden}}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
             "loss": {"kind": "bce"},
             "optimizer": {"kind": "sgd", "lr": 0.1},
             "training": {"epochs": {{epochs}}, "batchSize": 64, "seed": 3, "standardize": true, "validationSplit": 0.2},
             "diagnostics": {{diagnostics}}}
            """;
    }
}
