namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>Small, seeded spec documents that reproduce the course's claims about dying units, bias initialisation and recurrent explosion.</summary>
public static class CourseClaimsSpecs
{
    /// <summary>moons (2 features, 400 rows) → 2 hidden layers of 32 <paramref name="activation"/> units → 1 logit, SGD at <paramref name="lr"/>.</summary>
    public static string Mlp(string activation, double lr, string biasInit = "null", int epochs = 5) => $$$"""
        {"name": "mlp-{{{activation}}}",
         "dataset": {"kind": "moons", "samples": 400, "seed": 1},
         "model": {"inputShape": [2], "layers": [
            {"kind": "linear", "units": 32, "activation": "{{{activation}}}", "biasInit": {{{biasInit}}}},
            {"kind": "linear", "units": 32, "activation": "{{{activation}}}", "biasInit": {{{biasInit}}}},
            {"kind": "linear", "units": 1}]},
         "loss": {"kind": "bce_logits"},
         "optimizer": {"kind": "sgd", "lr": {{{lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}},
         "training": {"epochs": {{{epochs}}}, "batchSize": 32, "seed": 1},
         "diagnostics": {"every": 1}}
        """;

    /// <summary>breast_cancer (standardised) → 10 × linear(64, selu) with lecun_normal weights and the model-wide <paramref name="biasInit"/> → 1 sigmoid.</summary>
    public static string DeepSelu(string biasInit)
    {
        var hidden = string.Join(",", Enumerable.Repeat("""{"kind": "linear", "units": 64, "activation": "selu"}""", 10));
        return $$$"""
            {"name": "deep-selu",
             "dataset": {"kind": "breast_cancer"},
             "model": {"inputShape": [30], "init": {"scheme": "lecun_normal"}, "biasInit": {{{biasInit}}},
                       "layers": [{{{hidden}}}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
             "loss": {"kind": "bce"},
             "optimizer": {"kind": "sgd", "lr": 0.01},
             "training": {"epochs": 1, "batchSize": 128, "seed": 2, "standardize": true},
             "diagnostics": {"every": 1000}}
            """;
    }

    /// <summary>An Elman tanh RNN over the adding problem with hidden-to-hidden weights drawn from N(0, <paramref name="recurrentStd"/>²).</summary>
    public static string Rnn(double recurrentStd, string clipping = "null", double divergenceGradNorm = 1e6, int epochs = 2) => $$$"""
        {"name": "rnn-recurrent-{{{recurrentStd}}}",
         "dataset": {"kind": "adding", "length": 30, "samples": 256, "seed": 1},
         "model": {"inputShape": [30, 2], "layers": [
            {"kind": "rnn", "hidden": 32, "recurrentInit": {"scheme": "normal", "std": {{{recurrentStd.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}},
            {"kind": "linear", "units": 1}]},
         "loss": {"kind": "mse"},
         "optimizer": {"kind": "sgd", "lr": 0.01},
         "training": {"epochs": {{{epochs}}}, "batchSize": 32, "seed": 1, "clipping": {{{clipping}}}, "divergenceGradNorm": {{{divergenceGradNorm.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}},
         "diagnostics": {"every": 1}}
        """;
}
