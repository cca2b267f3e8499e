#!/usr/bin/env python3
"""Times the README's XOR job from POST to `succeeded`, several times, against a running server.

Usage: /usr/bin/python3 scripts/measure_xor_latency.py [base_url] [runs]
Prints, per run: wall seconds seen by the client, and createdAt → finishedAt / startedAt → finishedAt
as the server recorded them. The first run after start pays for libtorch and JIT warm-up.
"""
import datetime
import json
import sys
import time

import requests

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:5000"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
SPEC = {
    "name": "xor-tanh",
    "dataset": {"kind": "xor", "samples": 200, "noise": 0.0, "seed": 1},
    "model": {"inputShape": [2], "layers": [
        {"kind": "linear", "units": 4, "activation": "tanh"},
        {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
    "loss": {"kind": "bce"},
    "optimizer": {"kind": "adam", "lr": 0.05},
    "training": {"epochs": 200, "batchSize": 32, "seed": 7, "validationSplit": 0.2},
    "device": "cpu",
}


def seconds(job, start, end):
    return (datetime.datetime.fromisoformat(job[end]) - datetime.datetime.fromisoformat(job[start])).total_seconds()


for run in range(RUNS):
    began = time.time()
    job = requests.post(f"{BASE}/api/jobs", json=SPEC).json()
    while job["status"] in ("queued", "running"):
        time.sleep(0.05)
        job = requests.get(f"{BASE}/api/jobs/{job['id']}").json()
    print(json.dumps({"run": run + 1, "status": job["status"], "clientSeconds": round(time.time() - began, 2),
                      "queuedToFinished": round(seconds(job, "createdAt", "finishedAt"), 2),
                      "training": round(seconds(job, "startedAt", "finishedAt"), 2)}))
