namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>For each submission warning: a spec that should raise it and its corrected twin, which should not.</summary>
public static class WarningSpecs
{
    static string Tabular(string layers, string optimizer = """{"kind": "adam", "lr": 0.01}""", string training = """ "standardize": true """) => $$$"""
        {"name": "warning", "dataset": {"kind": "breast_cancer"},
         "model": {"inputShape": [30], "layers": [{{{layers}}}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"}, "optimizer": {{{optimizer}}},
         "training": {"epochs": 1, {{{training}}}}}
        """;

    static string Sequence(string dataset, int[] input, string layer, string loss, int outputs, string training) => $$$"""
        {"name": "warning", "dataset": {{{dataset}}},
         "model": {"inputShape": [{{{string.Join(", ", input)}}}], "layers": [{{{layer}}}, {"kind": "linear", "units": {{{outputs}}}}]},
         "loss": {"kind": "{{{loss}}}"}, "optimizer": {"kind": "adam", "lr": 0.01},
         "training": {"epochs": 1{{{training}}}}}
        """;

    static string Newton(int hidden) => $$$"""
        {"name": "newton", "dataset": {"kind": "xor", "samples": 64, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": {{{hidden}}}, "activation": "tanh"}, {"kind": "linear", "units": {{{hidden}}}, "activation": "tanh"}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"}, "optimizer": {"kind": "newton"}, "training": {"epochs": 1}}
        """;

    const string Linear = """{"kind": "linear", "units": 16}""";

    /// <summary>(code, the spec that raises it, the JSON path it names, the corrected spec).</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "deep_saturating_stack", DiagnosticsSpecs.DeepMlp("sigmoid"), "$.model.layers", DiagnosticsSpecs.DeepMlp("sigmoid", depth: 5) },
        { "relu_default_init", DiagnosticsSpecs.DeepMlp("relu"), "$.model.init", CatalogSpecs.DeepRelu("he_init") },
        { "selu_without_lecun_normal", Tabular("""{"kind": "linear", "units": 16, "activation": "selu"}"""), "$.model.layers[0].init",
            Tabular("""{"kind": "linear", "units": 16, "activation": "selu", "init": {"scheme": "lecun_normal"}, "biasInit": {"scheme": "zeros"}}""") },
        { "batchnorm_small_batch", Tabular(Linear + """, {"kind": "batchnorm"}""", training: """ "standardize": true, "batchSize": 6 """), "$.training.batchSize",
            Tabular(Linear + """, {"kind": "batchnorm"}""", training: """ "standardize": true, "batchSize": 32 """) },
        { "dropout_before_batchnorm", Tabular(Linear + """, {"kind": "dropout", "p": 0.5}, {"kind": "batchnorm"}"""), "$.model.layers[1]",
            Tabular(Linear + """, {"kind": "batchnorm"}, {"kind": "activation", "function": "relu"}, {"kind": "dropout", "p": 0.5}""") },
        { "rnn_long_sequence_unclipped", Sequence("""{"kind": "adding", "length": 60, "samples": 64}""", [60, 2], """{"kind": "rnn", "hidden": 8}""", "mse", 1, ""), "$.training.clipping",
            Sequence("""{"kind": "adding", "length": 60, "samples": 64}""", [60, 2], """{"kind": "rnn", "hidden": 8}""", "mse", 1, """, "clipping": {"kind": "norm", "maxNorm": 1}""") },
        { "tbptt_shorter_than_dependency", Sequence("""{"kind": "memory", "length": 20, "symbols": 4, "samples": 64}""", [20, 5], """{"kind": "lstm", "hidden": 8}""", "cross_entropy", 4, """, "tbpttWindow": 5"""), "$.training.tbpttWindow",
            Sequence("""{"kind": "memory", "length": 20, "symbols": 4, "samples": 64}""", [20, 5], """{"kind": "lstm", "hidden": 8}""", "cross_entropy", 4, """, "tbpttWindow": 20""") },
        { "unstandardised_sgd_large_lr", Tabular(Linear, optimizer: """{"kind": "sgd", "lr": 0.1}""", training: """ "standardize": false """), "$.training.standardize",
            Tabular(Linear, optimizer: """{"kind": "sgd", "lr": 0.1}""", training: """ "standardize": true """) },
        { "newton_many_parameters", Newton(16), "$.optimizer.kind", Newton(4) },
    };
}
