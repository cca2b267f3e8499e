#!/usr/bin/env python3
"""Kill the service mid-training (SIGKILL, then SIGTERM), restart it, and check that each
interrupted job finishes with exactly the metrics and predictions of an uninterrupted run.

Usage: python3 scripts/crash_resume_check.py [path/to/TrainService.Api.dll]
Run by .ci/run after the build. Standard library only.
"""
import json, os, shutil, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
PORT = 5391
BASE = f"http://127.0.0.1:{PORT}"
INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.3, 0.7], [0.9, 0.2]]
SPEC = {
    "name": "crash-resume",
    "dataset": {"kind": "xor", "samples": 2000, "noise": 0.5, "seed": 3},
    "model": {"inputShape": [2], "layers": [
        {"kind": "linear", "units": 8, "activation": "tanh"},
        {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
    "loss": {"kind": "bce"},
    "optimizer": {"kind": "adam", "lr": 0.002},
    "training": {"epochs": 30, "batchSize": 4, "seed": 11, "validationSplit": 0.1},
    "checkpoints": {"everyEpochs": 2, "keepLast": 2},
}


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def start(data_dir, log):
    process = subprocess.Popen(
        ["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={data_dir}", "--Serilog:MinimumLevel:Default=Warning"],
        stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(BASE + "/health", timeout=2)
            return process
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    process.kill()
    sys.exit("service did not become healthy within 60 s")


def wait_for(job_id, predicate, what, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = call("GET", f"/api/jobs/{job_id}")
        epochs = call("GET", f"/api/jobs/{job_id}/metrics")["epochs"]
        if predicate(job, epochs):
            return job, epochs
        time.sleep(0.1)
    sys.exit(f"timed out waiting for {what}: job {job_id} is {job['status']} after {len(epochs)} epochs")


def outcome(job_id):
    job, epochs = wait_for(job_id, lambda j, _: j["status"] not in ("queued", "running"), "the final state")
    if job["status"] != "succeeded":
        sys.exit(f"job {job_id} ended {job['status']}: {job['failureReason']}")
    outputs = call("POST", f"/api/jobs/{job_id}/predict?checkpoint=final", {"inputs": INPUTS})["outputs"]
    losses = [(e["epoch"], e["trainLoss"], e["valLoss"], e["trainAccuracy"], e["valAccuracy"]) for e in epochs]
    return losses, [o[0] for o in outputs]


def interrupted_run(data_dir, log, sig, name):
    service = start(data_dir, log)
    job = call("POST", "/api/jobs", dict(SPEC, name=name))
    wait_for(job["id"], lambda _, e: len(e) >= 7, "7 epochs")
    service.send_signal(sig)
    service.wait(timeout=60)
    interrupted = os.path.join(data_dir, "artifacts", "jobs", job["id"].replace("-", ""), "checkpoints", "interrupted.bin")
    if sig == signal.SIGTERM and not os.path.exists(interrupted):
        sys.exit(f"{name}: a graceful stop should have written {interrupted}")
    print(f"{name}: sent {signal.Signals(sig).name} after epoch >= 7; interrupted checkpoint written: {os.path.exists(interrupted)}; restarting", flush=True)
    service = start(data_dir, log)
    try:
        result = outcome(job["id"])
        checkpoints = [c["name"] for c in call("GET", f"/api/jobs/{job['id']}/checkpoints")]
        print(f"{name}: resumed and succeeded; checkpoints {checkpoints}", flush=True)
        return result
    finally:
        service.terminate()
        service.wait(timeout=60)


def main():
    work = tempfile.mkdtemp(prefix="trainservice-crash-")
    failed = False
    try:
        with open(os.path.join(work, "service.log"), "w") as log:
            service = start(os.path.join(work, "reference"), log)
            try:
                reference = outcome(call("POST", "/api/jobs", dict(SPEC, name="uninterrupted"))["id"])
            finally:
                service.terminate()
                service.wait(timeout=60)
            print("uninterrupted: final predictions", [repr(v) for v in reference[1]], flush=True)
            for sig, name in ((signal.SIGKILL, "sigkill"), (signal.SIGTERM, "sigterm")):
                losses, outputs = interrupted_run(os.path.join(work, name), log, sig, name)
                print(f"{name}: final predictions", [repr(v) for v in outputs], flush=True)
                if outputs != reference[1] or losses != reference[0]:
                    failed = True
                    print(f"{name}: MISMATCH with the uninterrupted run", flush=True)
                    for a, b in zip(losses, reference[0]):
                        if a != b:
                            print("  first differing epoch:", a, "vs", b)
                            break
                else:
                    print(f"{name}: {len(losses)} epochs of metrics and all predictions equal the uninterrupted run bit for bit", flush=True)
    finally:
        if failed:
            print(open(os.path.join(work, "service.log")).read()[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
