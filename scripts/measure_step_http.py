#!/usr/bin/env python3
"""The training benchmark's workloads through HTTP: ms per step as a job reports it (epoch seconds ÷ steps).

Usage: /usr/bin/python3 scripts/measure_step_http.py [base_url] [epochs]
Submits each workload of benchmarks/TrainingSpeedBenchmark (Adam, no validation, diagnostics off,
per-step metrics stored as always) one job at a time, and prints the median and best epoch's ms/step.
Compare with the benchmark's in-process "service" column to see what the job around the session
(metrics writer, database, HTTP host) costs. Run the server in Release with one training worker.
"""
import json
import statistics
import sys
import time

import requests

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:5000"
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 12


def mlp(dimensions, hidden, batch, samples):
    return {
        "name": f"mlp-{dimensions}-{hidden}",
        "dataset": {"kind": "gaussians", "samples": samples, "centers": 10, "dimensions": dimensions, "seed": 1},
        "model": {"inputShape": [dimensions], "layers": [
            {"kind": "linear", "units": hidden, "activation": "relu"},
            {"kind": "linear", "units": hidden, "activation": "relu"},
            {"kind": "linear", "units": 10}]},
        "loss": {"kind": "cross_entropy"},
        "optimizer": {"kind": "adam"},
        "training": {"epochs": EPOCHS, "batchSize": batch, "seed": 1},
    }, -(-samples // batch)


for spec, steps in (mlp(64, 128, 32, 3200), mlp(784, 256, 128, 6400)):
    response = requests.post(f"{BASE}/api/jobs", json=spec)
    response.raise_for_status()
    job = response.json()
    while job["status"] in ("queued", "running"):
        time.sleep(0.2)
        job = requests.get(f"{BASE}/api/jobs/{job['id']}").json()
    epochs = requests.get(f"{BASE}/api/jobs/{job['id']}/metrics").json()["epochs"]
    per_step = [e["seconds"] * 1000 / steps for e in epochs[2:]]  # the first two warm up
    print(json.dumps({"job": spec["name"], "status": job["status"], "medianMsPerStep": round(statistics.median(per_step), 3),
                      "bestMsPerStep": round(min(per_step), 3)}))
