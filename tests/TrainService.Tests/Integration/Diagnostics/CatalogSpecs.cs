namespace TrainService.Tests.Integration.Diagnostics;

/// <summary>
/// Specs that need layer kinds from the catalog branch (batchnorm, residual, init). The tests using
/// them are skipped on main until that branch is merged; remove the Skip then.
/// </summary>
public static class CatalogSpecs
{
    public const string NeedsCatalog = "needs batchnorm/residual/init layers from the catalog branch; un-skip after merging it";

    static string Linear(int units, string activation, string extra = "") =>
        $$"""{"kind": "linear", "units": {{units}}, "activation": "{{activation}}"{{extra}}}""";

    /// <summary>The 10-layer breast-cancer MLP of <see cref="DiagnosticsSpecs.DeepMlp"/> with ReLU plus batch norm, residual connections or He initialisation.</summary>
    public static string DeepRelu(string variant)
    {
        IEnumerable<string> hidden = variant switch
        {
            "batchnorm" => Enumerable.Range(0, 9).SelectMany(_ => new[] { Linear(16, "identity"), """{"kind": "batchnorm"}""", """{"kind": "activation", "activation": "relu"}""" }),
            "residual" => new[] { Linear(16, "relu") }.Concat(Enumerable.Range(0, 4).Select(_ => Block(batchNorm: false))),
            _ => Enumerable.Range(0, 9).Select(_ => Linear(16, "relu", """, "init": {"scheme": "he_normal"}""")),
        };
        return Mlp($"deep-relu-{variant}", hidden, epochs: 2);
    }

    /// <summary>A linear stem, <paramref name="blocks"/> residual blocks (linear-relu-linear branch), one sigmoid unit.</summary>
    public static string ResidualStack(int blocks, bool batchNorm) =>
        Mlp($"residual-{blocks}-bn-{batchNorm}", new[] { Linear(16, "identity") }.Concat(Enumerable.Range(0, blocks).Select(_ => Block(batchNorm))), epochs: 1);

    static string Block(bool batchNorm) =>
        "{\"kind\": \"residual\", \"layers\": [" + Linear(16, "relu") + ", " + Linear(16, "identity") + "], \"batchNorm\": " + (batchNorm ? "true" : "false") + "}";

    static string Mlp(string name, IEnumerable<string> hidden, int epochs) => $$"""
        {"name": "{{name}}",
         "dataset": {"kind": "breast_cancer"},
         "model": {"inputShape": [30], "layers": [{{string.Join(",", hidden)}}, {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "sgd", "lr": 0.01},
         "training": {"epochs": {{epochs}}, "batchSize": 64, "seed": 3, "standardize": true, "validationSplit": 0.2},
         "diagnostics": {"every": 1, "unit": "epochs"} }
        """;
}
