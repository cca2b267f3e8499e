#!/usr/bin/env python3
"""Benchmark (not a test): start-up time, and predict throughput with micro-batching on and off.

For each setting (batching on, then off) it starts the built service on a fresh data folder and
reports the seconds from process start to the first 200 on /health and to the first job picked up
(status `running`, submitted as soon as /health answers). It then trains the README's XOR job and
runs `wrk` (1-row predict requests) at 1, 16 and 64 connections, printing requests/s and the
p50/p99 latency wrk measured, and the service's count of forward passes that served several requests.

Usage: python3 scripts/measure_predict_batching.py [path/to/TrainService.Api.dll] [seconds per wrk run = 10]
Port: PREDICT_BENCH_PORT (default 5393). Needs wrk (apt-get install wrk). Standard library only.
"""
import json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "src/Api/bin/Release/net10.0/linux-x64/TrainService.Api.dll")
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
PORT = int(os.environ.get("PREDICT_BENCH_PORT", "5393"))
BASE = f"http://127.0.0.1:{PORT}"
XOR = {"name": "xor-tanh", "dataset": {"kind": "xor", "samples": 200, "noise": 0.0, "seed": 1},
       "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                               {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
       "loss": {"kind": "bce"}, "optimizer": {"kind": "adam", "lr": 0.05},
       "training": {"epochs": 200, "batchSize": 32, "seed": 7, "validationSplit": 0.2}}


def call(method, path, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def wait_status(job, wanted):
    while call("GET", f"/api/jobs/{job}")["status"] not in wanted:
        time.sleep(0.005)


def wrk(job, connections):
    script = os.path.join(tempfile.gettempdir(), f"predict-{PORT}.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\nwrk.body = \'{"inputs": [[0, 1]]}\'\nwrk.headers["Content-Type"] = "application/json"\n')
    out = subprocess.run(["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{SECONDS}s", "--latency", "-s", script,
                          f"{BASE}/api/jobs/{job}/predict"], capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, latency, int(errors.group(1)) if errors else 0


def run(batching):
    work = tempfile.mkdtemp(prefix="trainservice-predict-bench-")
    started = time.time()
    service = subprocess.Popen(["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={work}",
                                "--Serilog:MinimumLevel:Default=Warning", f"--TrainService:PredictBatching:Enabled={str(batching).lower()}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(BASE + "/health", timeout=2)
                break
            except Exception:
                time.sleep(0.01)
        healthy = time.time() - started
        job = call("POST", "/api/jobs", XOR)["id"]
        wait_status(job, ("running", "succeeded", "failed"))
        picked = time.time() - started
        print(f"batching {'on ' if batching else 'off'}: first 200 on /health {healthy:.2f} s after process start, first job picked up at {picked:.2f} s", flush=True)
        wait_status(job, ("succeeded", "failed"))
        call("POST", f"/api/jobs/{job}/predict", {"inputs": [[0, 1]]})  # load the model into the cache
        for connections in (1, 16, 64):
            rate, latency, errors = wrk(job, connections)
            print(f"  {connections:3d} connections: {rate:8.0f} req/s  p50 {latency['50']:>8}  p99 {latency['99']:>8}" + (f"  ({errors} non-2xx)" if errors else ""), flush=True)
        metrics = urllib.request.urlopen(BASE + "/metrics", timeout=10).read().decode()
        merged = re.search(r"^trainservice_predict_batches_merged_total (\S+)", metrics, re.M)
        print(f"  forward passes that served several requests: {merged.group(1) if merged else 'n/a'}", flush=True)
    finally:
        service.terminate()
        service.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(f"load: {open('/proc/loadavg').read().strip()}; {os.cpu_count()} cores; wrk {SECONDS} s per run")
    run(True)
    run(False)
    print(f"load: {open('/proc/loadavg').read().strip()}")
