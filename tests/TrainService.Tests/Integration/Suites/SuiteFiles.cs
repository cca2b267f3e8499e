using System.Globalization;

namespace TrainService.Tests.Integration.Suites;

/// <summary>
/// Small suite files for tests: two well-separated Gaussian blobs, arms that differ in hidden units,
/// 15 steps per epoch; the base's learning rate is a parameter so a test can make every arm worse
/// without changing the arms.
/// </summary>
public static class SuiteFiles
{
    const string Template = """
        {"name": "NAME", "version": 1, "title": "Blobs", "description": "test suite",
         "parts": [{"name": "blobs", "study": {
            "base": {"name": "blobs",
                     "dataset": {"kind": "gaussians", "samples": 200, "centers": 2, "clusterStd": 1.0, "seed": 1},
                     "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                                             {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
                     "loss": {"kind": "bce"},
                     "optimizer": {"kind": "adam", "lr": LR},
                     "training": {"epochs": 20, "batchSize": 10, "validationSplit": 0.25}},
            "factors": [{"path": "$.model.layers[0].units", "label": "units", "values": [4, 8]}],
            "objective": {"metric": "valLoss", "mode": "min"}}}],
         "sizes": {"smoke": {"seeds": [1, 2, 3], "set": {"$.training.epochs": 2 EXTRA_SMOKE}},
                   "full": {"seeds": [1, 2, 3], "set": {"$.training.epochs": 12}}}}
        """;

    public static string Blobs(string name, double lr = 0.05, string extraSmokeSet = "") => Template
        .Replace("NAME", name).Replace("LR", lr.ToString(CultureInfo.InvariantCulture)).Replace("EXTRA_SMOKE", extraSmokeSet);
}
