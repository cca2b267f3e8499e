namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>Deep networks built from the catalog's batchnorm, residual and init options, for the diagnostics comparisons.</summary>
public static class CatalogSpecs
{
    static string Linear(int units, string activation, string extra = "") =>
        $$"""{"kind": "linear", "units": {{units}}, "activation": "{{activation}}"{{extra}}}""";

    /// <summary>The 10-layer breast-cancer MLP of <see cref="DiagnosticsSpecs.DeepMlp"/> with ReLU plus batch norm, residual connections or He initialisation.</summary>
    public static string DeepRelu(string variant)
    {
        IEnumerable<string> hidden = variant switch
        {
            "batchnorm" => Enumerable.Range(0, 9).SelectMany(_ => new[] { Linear(16, "identity"), """{"kind": "batchnorm"}""", """{"kind": "activation", "function": "relu"}""" }),
            "residual" => new[] { Linear(16, "relu") }.Concat(Enumerable.Range(0, 4).Select(_ => ResidualBlock())),
            _ => Enumerable.Range(0, 9).Select(_ => Linear(16, "relu", """, "init": {"scheme": "he_normal"}""")),
        };
        return Mlp($"deep-relu-{variant}", hidden, epochs: 2);
    }

    /// <summary>How the residual stack of <see cref="ResidualStack"/> is normalised.</summary>
    public enum Norm { None, InBranch, AfterBlock }

    /// <summary>
    /// A linear stem, <paramref name="blocks"/> residual blocks h ← h + W₂ relu(W₁h) with He-initialised
    /// weights, one sigmoid unit; batch norm at the end of each branch or after each block, or none.
    /// </summary>
    public static string ResidualStack(int blocks, Norm norm) =>
        Mlp($"residual-{blocks}-{norm}", new[] { Linear(16, "identity") }.Concat(Enumerable.Range(0, blocks).SelectMany(_ => Block(norm))), epochs: 1,
            training: ", \"divergenceGradNorm\": 1e300");

    static IEnumerable<string> Block(Norm norm)
    {
        const string he = ", \"init\": {\"scheme\": \"he_normal\"}";
        yield return "{\"kind\": \"residual\", \"layers\": [" + Linear(16, "relu", he) + ", " + Linear(16, "identity", he) + "], \"batchNorm\": "
            + (norm == Norm.InBranch ? "true" : "false") + "}";
        if (norm == Norm.AfterBlock) yield return """{"kind": "batchnorm"}""";
    }

    static string ResidualBlock() =>
        "{\"kind\": \"residual\", \"layers\": [" + Linear(16, "relu") + ", " + Linear(16, "identity") + "]}";

    static string Mlp(string name, IEnumerable<string> hidden, int epochs, string training = "") => $$"""
        {"name": "{{name}}",
         "dataset": {"kind": "breast_cancer"},
         "model": {"inputShape": [30], "layers": [{{string.Join(",", hidden)}}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "sgd", "lr": 0.01},
         "training": {"epochs": {{epochs}}, "batchSize": 64, "seed": 3, "standardize": true, "validationSplit": 0.2{{training}}},
         "diagnostics": {"every": 1, "unit": "epochs"} }
        """;
}
