#!/usr/bin/env python3
"""One api and two worker processes of the built binary on a real, throw-away PostgreSQL server:

1. 20 jobs submitted to the api are all trained, by both workers (each job records its worker).
2. SIGKILL of the worker training a 30-epoch job after at least 5 epochs: the other worker resumes it
   within the bound (TrainService:WorkerLostAfter + the fallback poll + margin), and its final metrics
   and predictions equal an uninterrupted run bit for bit. Then SIGTERM of a worker mid-job: it writes
   its interrupted checkpoint and hands the job back at once; the other worker resumes from it.
3. SIGKILL of the api while a client submits jobs: every job the api accepted (2xx) is trained.
4. Pickup latency, submit -> startedAt, over 50 jobs submitted one at a time to an idle worker in another
   process; then the same for the embedded default (one process, SQLite + in-memory queue).

Usage: python3 scripts/scale_out_check.py [path/to/TrainService.Api.dll]
Run by .ci/run after the build. Standard library only. Needs Debian's postgresql package (installed
with apt-get when missing and run as root). Ports: SCALE_OUT_PORT (default 5393) and the next three.
"""
import atexit, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from datetime import datetime

from check_support import DLL, PREDICT_INPUTS as INPUTS, call, resume_spec

PORT = int(os.environ.get("SCALE_OUT_PORT", "5393"))
API = f"http://127.0.0.1:{PORT}"
WORKER_LOST_AFTER = 30  # seconds: the default of TrainService:WorkerLostAfter
RECOVERY_BOUND = 60     # seconds from the kill until another worker has resumed the job
LONG_SPEC = resume_spec("scale-out-long", every_epochs=1)
SHORT_SPEC = dict(LONG_SPEC, name="scale-out-short", dataset={"kind": "xor", "samples": 400, "noise": 0.5, "seed": 3},
                  training={"epochs": 3, "batchSize": 8, "seed": 11})
TINY_SPEC = dict(LONG_SPEC, name="scale-out-pickup", dataset={"kind": "xor", "samples": 40, "noise": 0.5, "seed": 3},
                 training={"epochs": 1, "batchSize": 40, "seed": 11})
STARTED = []
STOP_POSTGRES = []


@atexit.register
def stop_everything():
    """A failed check exits through sys.exit mid-run: never leave a process behind."""
    for process in STARTED:
        if process.poll() is None:
            process.kill()
            process.wait()
    while STOP_POSTGRES:
        STOP_POSTGRES.pop()()


def run(args, as_postgres=False):
    if as_postgres:
        args = ["runuser", "-u", "postgres", "--"] + args
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_postgres(work):
    """initdb + pg_ctl in a temp folder on a free port; as root they run as the postgres user (initdb refuses root)."""
    def binaries():
        base = "/usr/lib/postgresql"
        found = sorted(os.path.join(base, v, "bin") for v in os.listdir(base) if os.path.exists(os.path.join(base, v, "bin", "initdb"))) if os.path.isdir(base) else []
        return found[-1] if found else None
    root = os.geteuid() == 0
    bin_dir = binaries()
    if bin_dir is None and root:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"], check=True, env=env, stdout=subprocess.DEVNULL)
        bin_dir = binaries()
    if bin_dir is None:
        sys.exit("PostgreSQL is not installed and this is not root: apt-get install postgresql")
    folder = os.path.join(work, "pg")
    os.makedirs(folder)
    if root:
        shutil.chown(work, "postgres", "postgres")
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    run([os.path.join(bin_dir, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], as_postgres=root)
    port = free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off"
    run([os.path.join(bin_dir, "pg_ctl"), "-D", data, "-l", os.path.join(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"], as_postgres=root)
    STOP_POSTGRES.append(lambda: subprocess.run((["runuser", "-u", "postgres", "--"] if root else []) + [os.path.join(bin_dir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"],
                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    print(f"PostgreSQL {os.path.basename(os.path.dirname(bin_dir))} on 127.0.0.1:{port}", flush=True)
    return f"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres"


def start(name, port, data_dir, log, *settings):
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        ["dotnet", DLL, "--urls", base, f"--TrainService:DataDirectory={data_dir}", "--TrainService:TorchThreads=1",
         "--Serilog:MinimumLevel:Default=Warning", "--Serilog:MinimumLevel:Override:TrainService.Jobs.Execution.TrainingJob=Information", *settings],
        stdout=log, stderr=subprocess.STDOUT, cwd=os.path.dirname(os.path.abspath(DLL)))
    STARTED.append(process)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"{name} exited with {process.returncode} during start-up (port {port} in use?)")
        try:
            urllib.request.urlopen(base + "/health/ready", timeout=5)
            return process
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{name} did not become ready within 120 s")


def wait_for(job_id, predicate, what, timeout=600):
    deadline = time.time() + timeout
    job = None
    while time.time() < deadline:
        job = call(API, "GET", f"/api/jobs/{job_id}")
        if predicate(job):
            return job
        time.sleep(0.1)
    sys.exit(f"timed out waiting for {what}: job {job_id} is {job and job['status']}")


def final(job_id):
    job = wait_for(job_id, lambda j: j["status"] not in ("queued", "running"), "the final state")
    if job["status"] != "succeeded":
        sys.exit(f"job {job_id} ended {job['status']}: {job['failureReason']}")
    return job


def outcome(job_id):
    final(job_id)
    epochs = call(API, "GET", f"/api/jobs/{job_id}/metrics")["epochs"]
    outputs = call(API, "POST", f"/api/jobs/{job_id}/predict?checkpoint=final", {"inputs": INPUTS})["outputs"]
    return [(e["epoch"], e["trainLoss"], e["valLoss"], e["trainAccuracy"], e["valAccuracy"]) for e in epochs], [o[0] for o in outputs]


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def pickup_latencies(base, count):
    """Jobs one at a time, so a worker is idle for each: startedAt (the worker) minus createdAt (the api)."""
    waits = []
    for i in range(count):
        job = call(base, "POST", "/api/jobs", dict(TINY_SPEC, name=f"pickup-{i}"))
        deadline = time.time() + 120
        while True:
            seen = call(base, "GET", f"/api/jobs/{job['id']}")
            if seen["status"] in ("succeeded", "failed", "cancelled"):
                break
            if time.time() > deadline:
                sys.exit(f"pickup job {job['id']} stuck {seen['status']}")
            time.sleep(0.05)
        waits.append((instant(seen["startedAt"]) - instant(seen["createdAt"])).total_seconds() * 1000)
    waits.sort()
    return waits[len(waits) // 2], waits[int(len(waits) * 0.9) - 1]


def main():
    work = tempfile.mkdtemp(prefix="trainservice-scale-")
    os.chmod(work, 0o755)
    log_path = os.path.join(work, "services.log")
    ok = False
    try:
        with open(log_path, "w") as log:
            connection = start_postgres(work)
            data = os.path.join(work, "data")  # the artifact store every process reaches (one machine)
            common = ["--TrainService:Storage=postgres", f"--ConnectionStrings:TrainService={connection}"]
            api = start("api", PORT, data, log, *common, "--TrainService:Role=api")
            workers = {name: start(name, PORT + i, data, log, *common, "--TrainService:Role=worker", f"--TrainService:WorkerName={name}",
                                   "--TrainService:TrainingWorkers=1")
                       for i, name in ((1, "worker-a"), (2, "worker-b"))}
            print(f"api on {API}, workers {sorted(workers)} (1 job at a time each, TorchThreads=1 everywhere)", flush=True)

            # 1. 20 jobs, both workers.
            ids = [call(API, "POST", "/api/jobs", dict(SHORT_SPEC, name=f"fan-out-{i}"))["id"] for i in range(20)]
            trained_by = [final(i)["attempts"][0]["worker"] for i in ids]
            counts = {w: trained_by.count(w) for w in sorted(set(trained_by))}
            print(f"20 jobs succeeded; trained by {counts}", flush=True)
            if set(counts) != set(workers):
                sys.exit(f"both workers should have trained some of the 20 jobs: {counts}")

            # 2. The reference run, then the same spec with its worker killed after >= 5 epochs.
            reference = outcome(call(API, "POST", "/api/jobs", dict(LONG_SPEC, name="uninterrupted"))["id"])
            job = call(API, "POST", "/api/jobs", dict(LONG_SPEC, name="killed-worker"))
            running = wait_for(job["id"], lambda j: j["status"] == "running" and len(call(API, "GET", f"/api/jobs/{j['id']}/metrics")["epochs"]) >= 5, "5 epochs")
            victim = running["attempts"][-1]["worker"]
            epochs_before = len(call(API, "GET", f"/api/jobs/{job['id']}/metrics")["epochs"])
            workers[victim].send_signal(signal.SIGKILL)
            killed_at = time.time()
            workers[victim].wait(timeout=30)
            resumed = wait_for(job["id"], lambda j: len(j["attempts"]) >= 2 or j["status"] not in ("queued", "running"), "a resume", timeout=RECOVERY_BOUND + 30)
            recovery = time.time() - killed_at
            if len(resumed["attempts"]) < 2:
                sys.exit(f"job ended {resumed['status']} without a second attempt: {resumed['attempts']}")
            survivor = resumed["attempts"][1]["worker"]
            print(f"SIGKILL of {victim} after {epochs_before} epochs; {survivor} resumed it from epoch {resumed['attempts'][1]['fromEpoch']} "
                  f"{recovery:.1f} s later (bound {RECOVERY_BOUND} s, WorkerLostAfter {WORKER_LOST_AFTER} s)", flush=True)
            if survivor == victim or recovery > RECOVERY_BOUND or resumed["attempts"][1]["fromEpoch"] < 1:
                sys.exit("the job was not resumed from a checkpoint by the other worker within the bound")
            result = outcome(job["id"])
            if result != reference:
                for a, b in zip(result[0], reference[0]):
                    if a != b:
                        print("  first differing epoch:", a, "vs", b)
                        break
                sys.exit(f"resumed run differs from the uninterrupted one: predictions {result[1]} vs {reference[1]}")
            print(f"resumed run: {len(result[0])} epochs of metrics and {len(result[1])} predictions equal the uninterrupted run bit for bit", flush=True)

            # 2b. SIGTERM: the worker writes its interrupted checkpoint and hands the job back at once.
            workers[victim] = start(victim, PORT + (1 if victim == "worker-a" else 2), data, log, *common, "--TrainService:Role=worker",
                                    f"--TrainService:WorkerName={victim}", "--TrainService:TrainingWorkers=1")
            job = call(API, "POST", "/api/jobs", dict(LONG_SPEC, name="stopped-worker"))
            running = wait_for(job["id"], lambda j: j["status"] == "running" and len(call(API, "GET", f"/api/jobs/{j['id']}/metrics")["epochs"]) >= 5, "5 epochs")
            stopping = running["attempts"][-1]["worker"]
            epochs_before = len(call(API, "GET", f"/api/jobs/{job['id']}/metrics")["epochs"])
            workers[stopping].send_signal(signal.SIGTERM)
            stopped_at = time.time()
            resumed = wait_for(job["id"], lambda j: len(j["attempts"]) >= 2 or j["status"] not in ("queued", "running"), "a hand-back", timeout=60)
            handoff = time.time() - stopped_at
            if workers[stopping].wait(timeout=60) != 0 and workers[stopping].returncode not in (0, -signal.SIGTERM):
                sys.exit(f"{stopping} exited with {workers[stopping].returncode} after SIGTERM")
            names = [c["name"] for c in call(API, "GET", f"/api/jobs/{job['id']}/checkpoints")]
            taker = resumed["attempts"][-1]
            print(f"SIGTERM of {stopping} after {epochs_before} epochs: checkpoints {names}; {taker['worker']} resumed from epoch "
                  f"{taker['fromEpoch']} {handoff:.1f} s later", flush=True)
            if len(resumed["attempts"]) < 2 or taker["worker"] == stopping or taker["fromEpoch"] < epochs_before or handoff > 15:
                sys.exit("a stopped worker should hand the job back at once, resumed from its interrupted checkpoint by the other worker")
            if outcome(job["id"]) != reference:
                sys.exit("the job handed back at SIGTERM differs from the uninterrupted run")
            print("handed-back run: equal to the uninterrupted run bit for bit", flush=True)
            survivor = taker["worker"]

            # 3. SIGKILL of the api mid-submission: every 2xx job is trained.
            accepted, stop = [], threading.Event()

            def submit():
                i = 0
                while not stop.is_set():
                    try:
                        accepted.append(call(API, "POST", "/api/jobs", dict(TINY_SPEC, name=f"during-api-kill-{i}"))["id"])
                    except (OSError, urllib.error.URLError):
                        pass  # refused or cut off: not accepted
                    i += 1
            submitter = threading.Thread(target=submit)
            submitter.start()
            while len(accepted) < 10:
                time.sleep(0.01)
            api.send_signal(signal.SIGKILL)
            api.wait(timeout=30)
            time.sleep(0.5)
            stop.set()
            submitter.join()
            api = start("api", PORT, data, log, *common, "--TrainService:Role=api")
            for i in accepted:
                final(i)
            print(f"SIGKILL of the api mid-submission: all {len(accepted)} accepted jobs trained", flush=True)

            # 4. Pickup latency, api -> idle worker in another process.
            p50, p90 = pickup_latencies(API, 50)
            print(f"pickup latency api -> idle worker ({survivor}, another process): p50 {p50:.0f} ms, p90 {p90:.0f} ms over 50 jobs", flush=True)
            api.terminate()
            workers[survivor].terminate()
            for process in (api, workers[survivor]):
                process.wait(timeout=60)

            embedded = start("embedded", PORT, os.path.join(work, "embedded"), log, "--TrainService:TrainingWorkers=1")
            p50, p90 = pickup_latencies(API, 50)
            print(f"pickup latency embedded default (SQLite + in-memory queue, one process): p50 {p50:.0f} ms, p90 {p90:.0f} ms over 50 jobs", flush=True)
            embedded.terminate()
            embedded.wait(timeout=60)
            ok = True
    finally:
        if not ok:
            print(open(log_path).read()[-6000:])
        stop_everything()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
