#!/usr/bin/env python3
"""Throughput of many small jobs: N jobs trained one after another (1 training worker) against the
same N jobs trained concurrently (W workers, one torch thread each), on the same machine.

Usage: python3 scripts/measure_concurrency.py [jobs=8] [workers=2] [repeats=3] [path/to/TrainService.Api.dll]
Prints, per repeat, the wall time from the first submit to the last job's end for each mode, and the
ratio sequential ÷ concurrent (the speed-up). Each mode gets a fresh service and data folder.
"""
import json, os, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
WORKERS = int(sys.argv[2]) if len(sys.argv) > 2 else 2
REPEATS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
DLL = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
PORT = int(os.environ.get("CONCURRENCY_PORT", "5395"))
BASE = f"http://127.0.0.1:{PORT}"

# A small course-sized job: moons, a 2-16-16-1 tanh MLP, 60 epochs of batch 32 (about 0.5–1 s alone).
SPEC = {"name": "small", "dataset": {"kind": "moons", "samples": 400, "noise": 0.2, "seed": 1},
        "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": int(os.environ.get("CONCURRENCY_WIDTH", "16")), "activation": "tanh"},
                                                {"kind": "linear", "units": int(os.environ.get("CONCURRENCY_WIDTH", "16")), "activation": "tanh"},
                                                {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
        "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.01},
        "training": {"epochs": int(os.environ.get("CONCURRENCY_EPOCHS", "60")), "batchSize": int(os.environ.get("CONCURRENCY_BATCH", "32")), "seed": 1}}


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def run(workers):
    data = tempfile.mkdtemp(prefix="trainservice-concurrency-")
    server = subprocess.Popen(["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={data}",
                               f"--TrainService:TrainingWorkers={workers}", "--TrainService:TorchThreads=1",
                               "--Serilog:MinimumLevel:Default=Warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=os.path.dirname(os.path.abspath(DLL)))
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(BASE + "/health", timeout=5)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    sys.exit("service did not start")
                time.sleep(0.2)
        # One warm-up job so that libtorch's start-up is not counted against either mode.
        warm = call("POST", "/api/jobs", dict(SPEC, name="warm-up"))
        while call("GET", f"/api/jobs/{warm['id']}")["status"] in ("queued", "running"):
            time.sleep(0.05)
        began = time.time()
        ids = [call("POST", "/api/jobs", dict(SPEC, name=f"small-{i}", training=dict(SPEC["training"], seed=i)))["id"] for i in range(JOBS)]
        for job_id in ids:
            while (job := call("GET", f"/api/jobs/{job_id}"))["status"] in ("queued", "running"):
                time.sleep(0.05)
            assert job["status"] == "succeeded", job
        return time.time() - began
    finally:
        server.terminate()
        server.wait(30)


ratios = []
for repeat in range(REPEATS):
    sequential, concurrent = run(1), run(WORKERS)
    ratios.append(sequential / concurrent)
    print(json.dumps({"repeat": repeat + 1, "jobs": JOBS, "sequentialSeconds": round(sequential, 2),
                      f"concurrentSeconds(workers={WORKERS})": round(concurrent, 2), "speedUp": round(ratios[-1], 2)}), flush=True)
print(json.dumps({"medianSpeedUp": round(statistics.median(ratios), 2), "min": round(min(ratios), 2), "max": round(max(ratios), 2),
                  "cores": os.cpu_count(), "loadAverage": os.getloadavg()[0]}))
