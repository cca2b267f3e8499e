"""What the end-to-end check scripts share (crash_resume_check, scale_out_check, fleet_check): the built
service, the XOR job they kill and resume, the inputs they predict on, and a JSON call. Standard library only."""
import json, os, sys, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The first argument, if any, is the service's dll; by default the Debug build `dotnet build` makes.
DLL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
PREDICT_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.3, 0.7], [0.9, 0.2]]


def resume_spec(name, every_epochs):
    """30 epochs of noisy XOR at batch 4: long enough (seconds per epoch) to kill mid-run, with a checkpoint
    every `every_epochs` epochs and the last two kept."""
    return {
        "name": name,
        "dataset": {"kind": "xor", "samples": 2000, "noise": 0.5, "seed": 3},
        "model": {"inputShape": [2], "layers": [
            {"kind": "linear", "units": 8, "activation": "tanh"},
            {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
        "loss": {"kind": "bce"},
        "optimizer": {"kind": "adam", "lr": 0.002},
        "training": {"epochs": 30, "batchSize": 4, "seed": 11, "validationSplit": 0.1},
        "checkpoints": {"everyEpochs": every_epochs, "keepLast": 2},
    }


def call(base, method, path, body=None, headers=None, raw=False, timeout=60):
    """One HTTP call with a JSON body; the parsed JSON answer (or the bytes with raw). HTTPError on 4xx/5xx."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read() if raw else json.load(response)
