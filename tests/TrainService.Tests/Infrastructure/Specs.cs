namespace TrainService.Tests.Infrastructure;

/// <summary>Spec documents used by several tests, as raw JSON so tests exercise the real wire format.</summary>
public static class Specs
{
    /// <summary>The README's first example, exactly as written there.</summary>
    public const string ReadmeXor = """
        {"name": "xor-tanh",
         "dataset": {"kind": "xor", "samples": 200, "noise": 0.0, "seed": 1},
         "model": {"inputShape": [2],
                   "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                              {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": 200, "batchSize": 32, "seed": 7, "validationSplit": 0.2},
         "device": "cpu"}
        """;

    /// <summary>XOR with a configurable epoch count: long runs for cancel tests, short ones for plumbing.</summary>
    public static string Xor(int epochs, int samples = 200, int batchSize = 32) => $$$"""
        {"name": "xor-{{{epochs}}}",
         "dataset": {"kind": "xor", "samples": {{{samples}}}, "seed": 1},
         "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                                 {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
         "loss": {"kind": "bce"},
         "optimizer": {"kind": "adam", "lr": 0.05},
         "training": {"epochs": {{{epochs}}}, "batchSize": {{{batchSize}}}, "seed": 7}}
        """;
}
