#!/usr/bin/env python3
"""Benchmark (not a test): resident memory of the service across many jobs and predict calls.

Starts the built service on a fresh data folder, runs N small training jobs and M predict
requests, and prints RSS (from /proc) after warm-up and after every batch, so growth is visible.
Usage: python3 scripts/memory_soak.py [jobs=1000] [predicts=10000]
The port is 5392 unless SOAK_PORT says otherwise (several checkouts on one machine need different ones).
"""
import json, os, shutil, subprocess, sys, tempfile, time, urllib.request, concurrent.futures as cf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
BASE = f"http://127.0.0.1:{int(os.environ.get('SOAK_PORT', '5392'))}"
JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
PREDICTS = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
PREDICT_JOBS = int(os.environ.get("PREDICT_JOBS", "0"))  # 0 = every job (cache misses); k = the first k jobs (cache hits)
SPEC = {"name": "soak", "dataset": {"kind": "circles", "samples": 200, "noise": 0.05, "seed": 1},
        "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 16, "activation": "relu"},
                                                {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
        "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.05},
        "training": {"epochs": 5, "batchSize": 32, "seed": 1, "validationSplit": 0.2}}


def call(method, path, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def wait_all(ids):
    pending = set(ids)
    while pending:
        for i in list(pending):
            if call("GET", f"/api/jobs/{i}")["status"] not in ("queued", "running"):
                pending.discard(i)
        time.sleep(0.2)


def main():
    work = tempfile.mkdtemp(prefix="trainservice-soak-")
    service = subprocess.Popen(["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={work}",
                                "--Serilog:MinimumLevel:Default=Warning", "--TrainService:MaxQueuedJobs=100000"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/health", timeout=2); break
            except Exception:
                time.sleep(0.3)
        started = time.time()
        batch = max(1, JOBS // 10)
        ids = []
        for b in range(0, JOBS, batch):
            new = [call("POST", "/api/jobs", dict(SPEC, name=f"soak-{b + k}"))["id"] for k in range(min(batch, JOBS - b))]
            wait_all(new)
            ids += new
            print(f"jobs {len(ids):5d}  rss {rss_mb(service.pid):7.1f} MB  elapsed {time.time() - started:6.1f} s", flush=True)
        jobs_seconds = time.time() - started
        pool = cf.ThreadPoolExecutor(8)
        started = time.time()
        step = max(1, PREDICTS // 10)
        for b in range(0, PREDICTS, step):
            list(pool.map(lambda k: call("POST", f"/api/jobs/{ids[k % (PREDICT_JOBS or len(ids))]}/predict", {"inputs": [[0.1, 0.2]] * 32}), range(b, b + step)))
            print(f"predicts {b + step:6d}  rss {rss_mb(service.pid):7.1f} MB", flush=True)
        print(f"{JOBS} jobs in {jobs_seconds:.1f} s ({JOBS / jobs_seconds:.1f} jobs/s); "
              f"{PREDICTS} predicts (32 rows) in {time.time() - started:.1f} s ({PREDICTS / (time.time() - started):.0f}/s)")
    finally:
        service.terminate(); service.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
