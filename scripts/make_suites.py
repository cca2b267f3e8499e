#!/usr/bin/env python3
"""Writes the shipped suite files (suites/*.json). The JSON files are what the service reads and
what CI gates; this script is only how they were written, so the many near-identical layer lists
stay consistent. Edit here, run it, bump a suite's version when its comparison changes."""
import json, pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "suites"

def linear(units, activation="identity"):
    return {"kind": "linear", "units": units, "activation": activation}

def study(base, factors, metric="valLoss", mode="min"):
    return {"base": base, "factors": factors, "objective": {"metric": metric, "mode": mode}}

def digits_mlp(hidden_activation="relu", images=False):
    return {
        "name": "digits mlp",
        "dataset": {"kind": "digits"},
        "model": {"inputShape": [64], "layers": [linear(32, hidden_activation), linear(32, hidden_activation), linear(10)]},
        "loss": {"kind": "cross_entropy"},
        "optimizer": {"kind": "adam", "lr": 0.003},
        "training": {"epochs": 15, "batchSize": 32, "validationSplit": 0.25, "standardize": True},
    }

def digits_cnn():
    return {
        "name": "digits cnn",
        "dataset": {"kind": "digits", "images": True},
        "model": {"inputShape": [1, 8, 8], "layers": [
            {"kind": "conv2d", "filters": 8, "kernel": 3, "padding": 1, "activation": "relu"},
            {"kind": "maxpool2d", "size": 2},
            {"kind": "flatten"},
            linear(10)]},
        "loss": {"kind": "cross_entropy"},
        "optimizer": {"kind": "adam", "lr": 0.003},
        "training": {"epochs": 15, "batchSize": 32, "validationSplit": 0.25, "standardize": True},
    }

FIRST_ORDER = [
    {"kind": "gd", "lr": 0.5, "tol": 0},
    {"kind": "sgd", "lr": 0.05},
    {"kind": "momentum", "lr": 0.05, "momentum": 0.9},
    {"kind": "nesterov", "lr": 0.05, "momentum": 0.9},
    {"kind": "adagrad", "lr": 0.05},
    {"kind": "rmsprop", "lr": 0.001},
    {"kind": "adam", "lr": 0.001},
    {"kind": "adamax", "lr": 0.002},
    {"kind": "nadam", "lr": 0.002},
    {"kind": "adamw", "lr": 0.001, "weightDecay": 0.01},
    {"kind": "sgdw", "lr": 0.05, "momentum": 0.9, "weightDecay": 0.01},
    {"kind": "radam", "lr": 0.001},
    {"kind": "lion", "lr": 0.0003},
]

def activations_part(names):
    base = digits_mlp()
    return {"name": "mlp", "armLabels": names,
            "study": study(base, [{"path": "$.model.layers", "label": "activation",
                                   "values": [[linear(32, a), linear(32, a), linear(10)] for a in names]}])}

SMALL = {"$.training.epochs": 2}

def breast_cancer(layers, epochs=30, lr=0.1, optimizer=None, diagnostics=False):
    spec = {
        "name": "breast_cancer deep mlp",
        "dataset": {"kind": "breast_cancer"},
        "model": {"inputShape": [30], "layers": layers},
        "loss": {"kind": "bce"},
        "optimizer": optimizer or {"kind": "sgd", "lr": lr},
        "training": {"epochs": epochs, "batchSize": 64, "validationSplit": 0.25, "standardize": True},
    }
    if diagnostics:
        spec["diagnostics"] = {"every": 20}
    return spec

def deep(arch, depth):
    head = [linear(1, "sigmoid")]
    if arch == "plain":
        return [linear(16, "relu") for _ in range(depth - 1)] + head
    if arch == "batchnorm":
        body = []
        for _ in range(depth - 1):
            body += [linear(16), {"kind": "batchnorm"}, {"kind": "activation", "function": "relu"}]
        return body + head
    if arch == "residual":
        return [linear(16, "relu")] + [{"kind": "residual", "layers": [linear(16)], "activation": "relu"} for _ in range(depth - 2)] + head
    if arch == "highway":
        return [linear(16, "relu")] + [{"kind": "highway", "activation": "relu"} for _ in range(depth - 2)] + head
    raise ValueError(arch)

def adding(length, cells, optimizer, clipping_values=None, samples=2000, epochs=20):
    base = {
        "name": f"adding T={length}",
        "dataset": {"kind": "adding", "length": length, "samples": samples, "seed": 1},
        "model": {"inputShape": [length, 2], "layers": [{"kind": "lstm", "hidden": 32}, linear(1)]},
        "loss": {"kind": "mse"},
        "optimizer": optimizer,
        "training": {"epochs": epochs, "batchSize": 64, "validationSplit": 0.1},
    }
    factors = [{"path": "$.model.layers[0]", "label": "cell", "values": [{"kind": c, "hidden": 32} for c in cells]}]
    if clipping_values is not None:
        factors = [{"path": "$.training.clipping", "label": "clipping", "values": clipping_values}] + factors
    return study(base, factors)

SUITES = [
    {"name": "optimizers", "version": 1,
     "title": "Comparativo de Desempenho: optimizers",
     "description": "Every first-order optimizer of the catalog (gd … lion) on one MLP (digits, 64-32-32-10 relu) and one CNN (digits 8×8, conv 8 → maxpool → linear), each at a learning rate that suits it.",
     "parts": [
         {"name": "mlp", "study": study(digits_mlp(), [{"path": "$.optimizer", "label": "optimizer", "values": FIRST_ORDER}])},
         {"name": "cnn", "study": study(digits_cnn(), [{"path": "$.optimizer", "label": "optimizer", "values": FIRST_ORDER}])},
     ],
     "sizes": {"smoke": {"seeds": [1, 2], "set": SMALL}, "full": {"seeds": [1, 2, 3, 4, 5], "set": {"$.training.epochs": 12}}}},
    {"name": "sigmoids", "version": 1,
     "title": "Comparativo de Desempenho: sigmoid functions",
     "description": "The sigmoid family (sigmoid, tanh, softsign, hard_sigmoid, hard_tanh) as the two hidden activations of a digits MLP (64-32-32-10, Adam lr 0.003).",
     "parts": [activations_part(["sigmoid", "tanh", "softsign", "hard_sigmoid", "hard_tanh"])],
     "sizes": {"smoke": {"seeds": [1, 2], "set": SMALL}, "full": {"seeds": [1, 2, 3, 4, 5], "set": {"$.training.epochs": 20}}}},
    {"name": "rectifiers", "version": 1,
     "title": "Comparativo de Desempenho: rectifier functions",
     "description": "The rectifier family (relu, leaky_relu, prelu, rrelu, elu, selu, noisy_relu, gelu, silu, softplus) as the two hidden activations of a digits MLP (64-32-32-10, Adam lr 0.003).",
     "parts": [activations_part(["relu", "leaky_relu", "prelu", "rrelu", "elu", "selu", "noisy_relu", "gelu", "silu", "softplus"])],
     "sizes": {"smoke": {"seeds": [1, 2], "set": SMALL}, "full": {"seeds": [1, 2, 3, 4, 5], "set": {"$.training.epochs": 20}}}},
    {"name": "depth", "version": 1,
     "title": "Deep networks: plain vs residual vs highway vs batch norm",
     "description": "16-unit relu MLPs of 10, 20 and 30 layers on breast_cancer (SGD lr 0.1): final validation loss, and the first/last layer gradient-norm ratio at the first diagnosed step (→ 0 is vanishing).",
     "extras": ["firstLastGradRatio"],
     "parts": [{"name": "mlp", "armLabels": [f"{a} {d}" for a in ["plain", "residual", "highway", "batchnorm"] for d in [10, 20, 30]],
                "study": study(breast_cancer(deep("plain", 10), diagnostics=True),
                [{"path": "$.model.layers", "label": "network",
                  "values": [deep(a, d) for a in ["plain", "residual", "highway", "batchnorm"] for d in [10, 20, 30]]}])}],
     "sizes": {"smoke": {"seeds": [1, 2], "set": {"$.training.epochs": 1}}, "full": {"seeds": [1, 2, 3], "set": {"$.training.epochs": 30}}}},
    {"name": "recurrent", "version": 1,
     "title": "RNN vs LSTM vs GRU on the adding problem",
     "description": "One recurrent layer of 32 units → linear 1 on the adding problem at T = 10, 50 and 100 (Adam lr 0.005, mse; predicting the mean scores ≈ 0.167).",
     "parts": [{"name": f"T{t}", "study": adding(t, ["rnn", "lstm", "gru"], {"kind": "adam", "lr": 0.005})} for t in [10, 50, 100]],
     "sizes": {"smoke": {"seeds": [1, 2], "set": {"$.training.epochs": 1, "$.dataset.samples": 200}},
               "full": {"seeds": [1, 2, 3], "set": {"$.training.epochs": 20, "$.dataset.samples": 2000}}}},
    {"name": "clipping", "version": 1,
     "title": "Gradient clipping on/off at a high learning rate",
     "description": "RNN and LSTM (32 units) on the adding problem, T = 30, plain SGD at lr 1.0, with no clipping and with clipping by global norm 1. Runs that diverge fail and are counted as failed.",
     "parts": [{"name": "adding", "study": adding(30, ["rnn", "lstm"], {"kind": "sgd", "lr": 1.0}, [None, {"kind": "norm", "maxNorm": 1.0}])}],
     "sizes": {"smoke": {"seeds": [1, 2], "set": {"$.training.epochs": 1, "$.dataset.samples": 200}},
               "full": {"seeds": [1, 2, 3], "set": {"$.training.epochs": 20, "$.dataset.samples": 2000}}}},
    {"name": "initialisation", "version": 1,
     "title": "Initialisation: default vs Xavier vs He",
     "description": "A 10-layer 16-unit relu MLP on breast_cancer (SGD lr 0.1) with TorchSharp's default init, Xavier-uniform and He-normal.",
     "parts": [{"name": "mlp", "study": study(breast_cancer(deep("plain", 10)),
                [{"path": "$.model.init", "label": "init",
                  "values": [None, {"scheme": "xavier_uniform"}, {"scheme": "he_normal"}]}])}],
     "sizes": {"smoke": {"seeds": [1, 2], "set": {"$.training.epochs": 2}}, "full": {"seeds": [1, 2, 3, 4, 5], "set": {"$.training.epochs": 30}}}},
    {"name": "regularisation", "version": 1,
     "title": "Regularisation: none vs L2 vs dropout",
     "description": "A wide digits MLP (64-256-256-10 relu, Adam lr 0.001) on half the data: no regularisation, L2 1e-3, dropout 0.5 after the first hidden layer, and both.",
     "parts": [{"name": "mlp", "study": study({
         "name": "digits wide mlp",
         "dataset": {"kind": "digits"},
         "model": {"inputShape": [64], "layers": [linear(256, "relu"), {"kind": "dropout", "p": 0.0}, linear(256, "relu"), {"kind": "dropout", "p": 0.0}, linear(10)]},
         "loss": {"kind": "cross_entropy"},
         "optimizer": {"kind": "adam", "lr": 0.001},
         "training": {"epochs": 40, "batchSize": 32, "validationSplit": 0.5, "standardize": True}},
         [{"path": "$.training.regularization.l2", "label": "l2", "values": [0.0, 0.001]},
          {"path": "$.model.layers[1].p", "label": "dropout", "values": [0.0, 0.5]}])}],
     "sizes": {"smoke": {"seeds": [1, 2], "set": {"$.training.epochs": 2}}, "full": {"seeds": [1, 2, 3, 4, 5], "set": {"$.training.epochs": 40}}}},
]

for suite in SUITES:
    (OUT / f"{suite['name']}.json").write_text(json.dumps(suite, indent=2, ensure_ascii=False) + "\n")
    print("wrote", suite["name"])
