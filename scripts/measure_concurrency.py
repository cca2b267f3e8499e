#!/usr/bin/env python3
"""Throughput of many small jobs: N jobs trained one after another (1 training worker) against the
same N jobs trained concurrently (W workers, one torch thread each), on the same machine.

Usage: python3 scripts/measure_concurrency.py [jobs=8] [workers=2] [repeats=3] [path/to/TrainService.Api.dll]
Each repeat runs both modes back to back (a paired ratio: the machine's load changes slowly), each on a
fresh service and data folder. It measures the steady state: before the timed batch it trains unmeasured
batches of the same N jobs in that mode until the JIT's tier-up is over (a batch during which the JIT
thread spent under 0.1 CPU-s, at most 12 batches): .NET re-compiles a method once it has been called 30
times, and methods called once per job only get there after ~30 jobs, which takes a one-off ~3 CPU-s
after each start (the warm-up batches and the JIT's CPU in the timed one are printed).
Prints per mode: the wall time from the first submit to the last job's end, the CPU seconds the
service spent on its training threads and on everything else (from /proc/<pid>/task/*/stat, also split by
thread name), and the load average; per repeat the ratio sequential ÷ concurrent (the speed-up) and a
machine control (the same ratio for W pure-CPU Python loops, ~W on an idle machine). On a machine that
other work shares, compare the ratios, not the seconds, and read each beside its control.
"""
import json, os, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
WORKERS = int(sys.argv[2]) if len(sys.argv) > 2 else 2
REPEATS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
# Absolute: the service runs with its own folder as working directory.
DLL = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
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


def cpu_by_thread(pid):
    """CPU ticks per thread id, with the thread's name: training threads are .NET's 'Long Running' ones."""
    ticks = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{task}/stat").read()
        except OSError:
            continue  # the thread ended between the listing and the read
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        ticks[task] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def train_batch(prefix, sample):
    ids = [call("POST", "/api/jobs", dict(SPEC, name=f"{prefix}-{i}", training=dict(SPEC["training"], seed=i)))["id"] for i in range(JOBS)]
    for job_id in ids:
        while (job := call("GET", f"/api/jobs/{job_id}"))["status"] in ("queued", "running"):
            sample()
            time.sleep(0.1)
        assert job["status"] == "succeeded", job


def measured_batch(pid, prefix):
    """Trains one batch; returns its wall seconds and the CPU seconds per thread name (digits dropped: '.NET TP Worker')."""
    # Threads come and go (a training thread per job): sample while the batch runs and keep each one's last count.
    seen = cpu_by_thread(pid)
    start = dict(seen)

    def sample():
        seen.update(cpu_by_thread(pid))

    began = time.time()
    train_batch(prefix, sample)
    wall = time.time() - began
    sample()
    hz = os.sysconf("SC_CLK_TCK")
    by_name = {}
    for tid, (name, ticks) in seen.items():
        name = name.rstrip("0123456789#").strip()
        by_name[name] = by_name.get(name, 0) + (ticks - start.get(tid, (name, 0))[1]) / hz
    return wall, by_name


def jit_seconds(spent):
    return sum(t for name, t in spent.items() if name.startswith(".NET Tiered"))


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
        for warm_up in range(1, 13):
            _, spent = measured_batch(server.pid, f"warm-up{warm_up}")
            if jit_seconds(spent) < 0.1:
                break
        load_before = os.getloadavg()[0]
        wall, spent = measured_batch(server.pid, "small")
        training = sum(t for name, t in spent.items() if name.startswith(".NET Long Run"))
        other = sum(t for name, t in spent.items() if not name.startswith(".NET Long Run"))
        return {"seconds": round(wall, 2), "trainingCpuSeconds": round(training, 2), "otherCpuSeconds": round(other, 2),
                "byThread": {name: round(t, 2) for name, t in sorted(spent.items(), key=lambda kv: -kv[1]) if t >= 0.01},
                "warmUpBatches": warm_up, "load": [round(load_before, 1), round(os.getloadavg()[0], 1)]}
    finally:
        server.terminate()
        server.wait(30)


def machine_control():
    """What the machine gives right now: WORKERS pure-CPU Python loops one after another ÷ all at once.
    On an idle machine this is ~WORKERS; a lower figure says other work took cores, whatever the service does."""
    loop = [sys.executable, "-c", "x = 0\nfor i in range(6_000_000): x += i * i"]
    began = time.time()
    for _ in range(WORKERS):
        subprocess.run(loop, check=True)
    one_by_one = time.time() - began
    began = time.time()
    for p in [subprocess.Popen(loop) for _ in range(WORKERS)]:
        p.wait()
    return one_by_one / (time.time() - began)


ratios, controls = [], []
for repeat in range(REPEATS):
    sequential, concurrent = run(1), run(WORKERS)
    ratios.append(sequential["seconds"] / concurrent["seconds"])
    controls.append(machine_control())
    print(json.dumps({"repeat": repeat + 1, "jobs": JOBS, "sequential": sequential, f"concurrent(workers={WORKERS})": concurrent,
                      "speedUp": round(ratios[-1], 2), "machineControl": round(controls[-1], 2)}), flush=True)
print(json.dumps({"medianSpeedUp": round(statistics.median(ratios), 2), "min": round(min(ratios), 2), "max": round(max(ratios), 2),
                  "machineControlMedian": round(statistics.median(controls), 2),
                  "cores": os.cpu_count(), "loadAverage": round(os.getloadavg()[0], 1), "dll": DLL}))
