#!/usr/bin/env python3
"""The fleet of docker-compose.yml, as processes: s3rver and PostgreSQL, one api and two workers
(TrainService:Role) with every artifact in the bucket. It checks, in order:

1. Kill a worker mid-job (SIGKILL): the other worker resumes the job from its newest checkpoint
   (read back from the bucket) and it ends bit-identical to an uninterrupted run of the same spec.
   The submit request's trace id (a traceparent sent with the POST) is in the resuming worker's log
   lines for the job: one trace from API request to job to whichever worker finished it.
2. Every checkpoint object in the bucket reads back equal to what its writer sent: the SHA-256 the
   writer stored with the object (x-amz-meta-sha256) equals the SHA-256 of the object's bytes as
   s3rver keeps them and of the download through the api.
3. /metrics on both roles after a few more jobs (the killed worker restarted): the workers' queue-wait
   and duration histograms count exactly the jobs run, their step and sample counters add up to what
   the jobs report, the api's predict histogram and cache counters count the predicts, and the job
   gauge counts every succeeded job.

Usage: python3 scripts/fleet_check.py [path/to/TrainService.Api.dll]
Ports FLEET_CHECK_PORT … +4 (default 6240…6244). Run by .ci/run after the build. Standard library only.
"""
import atexit, glob, hashlib, json, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.request

from check_support import DLL, PREDICT_INPUTS as INPUTS, ROOT, call, resume_spec

PORT = int(os.environ.get("FLEET_CHECK_PORT", "6240"))
S3_PORT, PG_PORT, API_PORT, WORKER_PORTS = PORT, PORT + 1, PORT + 2, {"worker-1": PORT + 3, "worker-2": PORT + 4}
BUCKET = "trainservice"
# The crash check's spec: long enough to kill mid-run, checkpoints every 2 epochs, the last 2 kept.
SPEC = resume_spec("fleet-resume", every_epochs=2)
SMALL_SPEC = {
    "name": "fleet-metrics",
    "dataset": {"kind": "xor", "samples": 200, "seed": 1},
    "model": {"inputShape": [2], "layers": [{"kind": "linear", "units": 4, "activation": "tanh"},
                                            {"kind": "linear", "units": 1, "activation": "sigmoid"}]},
    "loss": {"kind": "bce"},
    "optimizer": {"kind": "adam", "lr": 0.05},
    "training": {"epochs": 3, "batchSize": 32, "seed": 7},
}
TRACE_ID = os.urandom(16).hex()
STARTED = []


@atexit.register
def stop_everything():
    """A failed check exits through sys.exit mid-run: never leave a process holding a port."""
    for process in reversed(STARTED):
        if process.poll() is None:
            # Each runs in its own session: runuser's child (postgres) goes with it.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fail(message):
    sys.exit(f"FLEET CHECK FAILED: {message}")


API = f"http://127.0.0.1:{API_PORT}"


def api(method, path, body=None, headers=None):
    return call(API, method, path, body, headers)


def wait_until(check, what, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError:  # refused or reset while a process starts
            pass
        time.sleep(0.2)
    fail(f"timed out waiting for {what}")


# --- the servers the fleet needs -------------------------------------------------------------------

def start_s3rver(work):
    folder = os.path.join(ROOT, "tests", "s3rver")
    if not os.path.exists(os.path.join(folder, "node_modules", "s3rver", "bin", "s3rver.js")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    data = os.path.join(work, "s3")
    os.makedirs(data)
    STARTED.append(subprocess.Popen(
        ["node", "node_modules/s3rver/bin/s3rver.js", "-d", data, "-a", "127.0.0.1", "-p", str(S3_PORT), "-s", "--configure-bucket", BUCKET],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{S3_PORT}/", timeout=5), "s3rver")
    return os.path.join(data, BUCKET)


def start_postgres(work):
    """A throwaway cluster on PG_PORT (trust authentication, loopback only), run as the postgres user when we are root."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    initdb = shutil.which("initdb") or (binaries and os.path.join(binaries[-1], "initdb"))
    if not initdb or not os.path.exists(initdb):
        fail("PostgreSQL is not installed (apt-get install postgresql)")
    bin_dir = os.path.dirname(os.path.realpath(initdb))
    data = os.path.join(work, "postgres")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    os.makedirs(data)
    if as_user:
        shutil.chown(work, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(as_user + [os.path.join(bin_dir, "initdb"), "-D", data, "-A", "trust", "-U", "trainservice"], check=True, stdout=subprocess.DEVNULL)
    STARTED.append(subprocess.Popen(
        as_user + [os.path.join(bin_dir, "postgres"), "-D", data, "-p", str(PG_PORT), "-k", data, "-c", "listen_addresses=127.0.0.1",
                   "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off"],  # a throwaway cluster
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    wait_until(lambda: subprocess.run([os.path.join(bin_dir, "pg_isready"), "-h", "127.0.0.1", "-p", str(PG_PORT)],
                                      stdout=subprocess.DEVNULL).returncode == 0, "PostgreSQL")
    subprocess.run([os.path.join(bin_dir, "createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "trainservice", "trainservice"], check=True)


# --- TrainService processes ------------------------------------------------------------------------

def start_trainservice(work, role, name, port):
    settings = {
        "TrainService:Storage": "postgres",
        "ConnectionStrings:TrainService": f"Host=127.0.0.1;Port={PG_PORT};Database=trainservice;Username=trainservice",
        "TrainService:Role": role,
        "TrainService:DataDirectory": os.path.join(work, name),
        "TrainService:Artifacts:Store": "s3",
        "TrainService:Artifacts:S3:ServiceUrl": f"http://127.0.0.1:{S3_PORT}",
        "TrainService:Artifacts:S3:Bucket": BUCKET,
        "TrainService:Artifacts:S3:AccessKey": "S3RVER",
        "TrainService:Artifacts:S3:SecretKey": "S3RVER",
        "Serilog:MinimumLevel:Default": "Warning",
        # Where each attempt of a job begins, and the trace id each line carries.
        "Serilog:MinimumLevel:Override:TrainService.Jobs.Execution": "Information",
    }
    if role == "worker":
        settings |= {"TrainService:WorkerName": name, "TrainService:TrainingWorkers": "1"}
    log = open(os.path.join(work, f"{name}.log"), "a")
    process = subprocess.Popen(["dotnet", DLL, "--urls", f"http://127.0.0.1:{port}"] + [f"--{k}={v}" for k, v in settings.items()],
                               stdout=log, stderr=subprocess.STDOUT, cwd=os.path.dirname(os.path.abspath(DLL)), start_new_session=True)
    STARTED.append(process)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: process.poll() is None and urllib.request.urlopen(base + "/health/ready", timeout=10).status == 200,
               f"{name} ready (exit code {process.poll()}; see {log.name})")
    return process, log.name


def read(path):
    with open(path) as f:
        return f.read()


def outcome(job_id, timeout=600):
    deadline = time.time() + timeout
    while (job := api("GET", f"/api/jobs/{job_id}"))["status"] in ("queued", "running"):
        if time.time() > deadline:
            fail(f"job {job_id} still {job['status']} after {timeout} s")
        time.sleep(0.2)
    if job["status"] != "succeeded":
        fail(f"job {job_id} ended {job['status']}: {job['failureReason']}")
    epochs = api("GET", f"/api/jobs/{job_id}/metrics")["epochs"]
    outputs = api("POST", f"/api/jobs/{job_id}/predict?checkpoint=final", {"inputs": INPUTS})["outputs"]
    return [(e["epoch"], e["trainLoss"], e["valLoss"], e["trainAccuracy"], e["valAccuracy"], e["learningRate"]) for e in epochs], [o[0] for o in outputs]


# --- 1. kill a worker mid-job --------------------------------------------------------------------

def kill_and_resume(work, workers):
    traceparent = f"00-{TRACE_ID}-{os.urandom(8).hex()}-01"
    job = api("POST", "/api/jobs", dict(SPEC, name="fleet-killed"), {"traceparent": traceparent})["id"]
    owner = None
    deadline = time.time() + 300
    while owner is None:
        if time.time() > deadline:
            fail(f"job {job} never ran past epoch 7 on a worker")
        state = api("GET", f"/api/jobs/{job}")
        epochs = len(api("GET", f"/api/jobs/{job}/metrics")["epochs"])
        listed = [c for c in api("GET", f"/api/jobs/{job}/checkpoints") if c["name"].startswith("epoch-")]
        if state["status"] == "running" and epochs >= 7 and listed:
            owner = state["attempts"][-1]["worker"]
        time.sleep(0.1)
    newest_before = max(c["epoch"] for c in listed)
    process, _ = workers[owner]
    process.send_signal(signal.SIGKILL)
    process.wait()
    survivor = next(name for name in workers if name != owner)
    print(f"killed {owner} (SIGKILL) while it trained job {job} after {epochs} epochs (newest epoch checkpoint {newest_before}); {survivor} must finish it", flush=True)

    result = outcome(job)
    attempts = api("GET", f"/api/jobs/{job}")["attempts"]
    if [a["worker"] for a in attempts] != [owner, survivor]:
        fail(f"job {job} should have been started by {owner} and resumed by {survivor}: attempts {attempts}")
    log = read(workers[survivor][1])
    resumed = re.search(rf"Job {job} resumes from checkpoint (\S+) after epoch (\d+) .* (\w{{32}})$", log, re.M)
    began = re.search(rf"Job {job}: this attempt trained from epoch (\d+), global step (\d+) .* (\w{{32}})$", log, re.M)
    if not resumed or not began:
        fail(f"{survivor} never logged resuming job {job}: it started over, or another process trained it")
    if int(resumed.group(2)) < newest_before or int(began.group(1)) != int(resumed.group(2)) + 1 or int(began.group(2)) == 0:
        fail(f"{survivor} resumed from {resumed.group(1)} after epoch {resumed.group(2)} and began at epoch {began.group(1)}, "
             f"step {began.group(2)}; the newest checkpoint before the kill was after epoch {newest_before}")
    if resumed.group(3) != TRACE_ID or began.group(3) != TRACE_ID:
        fail(f"{survivor}'s lines for job {job} carry trace ids {resumed.group(3)}, {began.group(3)}; the submit request's was {TRACE_ID}")
    print(f"{survivor} resumed from {resumed.group(1)} after epoch {resumed.group(2)} (training began at epoch {began.group(1)}, "
          f"global step {began.group(2)}) in the submit request's trace {TRACE_ID}", flush=True)

    reference = outcome(api("POST", "/api/jobs", dict(SPEC, name="fleet-uninterrupted"))["id"])
    if result != reference:
        for a, b in zip(result[0], reference[0]):
            if a != b:
                print("  first differing epoch:", a, "vs", b)
                break
        fail(f"the resumed job differs from the uninterrupted run ({len(result[0])} vs {len(reference[0])} epochs; predictions {result[1]} vs {reference[1]})")
    print(f"resumed job: {len(result[0])} epochs of metrics and predictions {[repr(v) for v in result[1]]} equal the uninterrupted run bit for bit", flush=True)
    return owner


# --- 2. every checkpoint object reads back as written ---------------------------------------------

def check_objects(bucket_dir):
    """bucket_dir is <work>/s3/<bucket>; each process's data folder is <work>/<name>."""
    checked = 0
    for path in sorted(glob.glob(os.path.join(bucket_dir, "jobs", "*", "checkpoints", "*._S3rver_object"))):
        key = os.path.relpath(path, bucket_dir)[:-len("._S3rver_object")]
        written = json.loads(read(path[:-len("object")] + "metadata.json")).get("x-amz-meta-sha256")
        with open(path, "rb") as blob:
            stored = hashlib.sha256(blob.read()).hexdigest()
        job_hex, name = key.split("/")[1], os.path.basename(key)[:-len(".bin")]
        job_id = f"{job_hex[:8]}-{job_hex[8:12]}-{job_hex[12:16]}-{job_hex[16:20]}-{job_hex[20:]}"
        downloaded = hashlib.sha256(call(API, "GET", f"/api/jobs/{job_id}/checkpoints/{name}", raw=True)).hexdigest()
        if not written or not (written == stored == downloaded):
            fail(f"{key}: written with SHA-256 {written}, stored {stored}, downloaded through the api {downloaded}")
        checked += 1
    if checked == 0:
        fail(f"no checkpoint objects under {bucket_dir}")
    local = glob.glob(os.path.join(os.path.dirname(os.path.dirname(bucket_dir)), "*", "artifacts", "jobs", "*"))
    if local:
        fail(f"artifacts on a process's local disk instead of the bucket: {local[:3]}")
    print(f"{checked} checkpoint objects in the bucket: the SHA-256 each writer sent equals the stored bytes' and the api download's", flush=True)


# --- 3. /metrics on both roles -------------------------------------------------------------------

def scrape(port):
    text = call(f"http://127.0.0.1:{port}", "GET", "/metrics", raw=True).decode()
    series = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            series[name] = float(value)
    return series


def total(series, prefix):
    return sum(v for k, v in series.items() if k.startswith(prefix))


def check_metrics(jobs=3, extra_predicts=3):
    before = {name: scrape(port) for name, port in WORKER_PORTS.items()}
    ids = [api("POST", "/api/jobs", dict(SMALL_SPEC, name=f"fleet-metrics-{i}"))["id"] for i in range(jobs)]
    for job in ids:
        outcome(job)  # one predict each (checkpoint=final)
    for _ in range(extra_predicts):
        api("POST", f"/api/jobs/{ids[0]}/predict", {"inputs": [[0, 1]]})
    after = {name: scrape(port) for name, port in WORKER_PORTS.items()}
    api_series = scrape(API_PORT)
    steps = sum(api("GET", f"/api/jobs/{job}/metrics/steps")["totalSteps"] for job in ids)
    predicts = 2 + jobs + extra_predicts  # the resumed job and its reference had one each, in part 1

    def delta(prefix):
        return sum(total(after[w], prefix) - total(before[w], prefix) for w in WORKER_PORTS)

    expected = {
        "workers' queue-wait histogram count": (delta("trainservice_job_queue_wait_seconds_count"), jobs),
        "workers' job-duration histogram count (succeeded)": (delta('trainservice_job_duration_seconds_count{outcome="succeeded"}'), jobs),
        "workers' training steps": (delta("trainservice_training_steps_total"), steps),
        "workers' training samples": (delta("trainservice_training_samples_total"), jobs * SMALL_SPEC["training"]["epochs"] * SMALL_SPEC["dataset"]["samples"]),
        "api's predict histogram count": (total(api_series, "trainservice_predict_duration_seconds_count"), predicts),
        "api's predictor cache lookups": (total(api_series, "trainservice_predictor_cache_total"), predicts),
        "api's succeeded jobs gauge": (api_series.get('trainservice_jobs{status="succeeded",queue="training"}'), api("GET", "/api/jobs?status=succeeded")["total"]),
        "api's live workers gauge (the two workers)": (api_series.get('trainservice_live_workers{kind="servers"}'), len(WORKER_PORTS)),
    }
    for worker in WORKER_PORTS:
        expected[f"{worker}'s capacity"] = (total(after[worker], "trainservice_worker_capacity"), 1)
        expected[f"{worker}'s queue-wait buckets (non-empty)"] = (total(after[worker], 'trainservice_job_queue_wait_seconds_bucket{queue="training",le="+Inf"}') > 0, True)
    wrong = {what: pair for what, pair in expected.items() if pair[0] != pair[1]}
    for what, (got, want) in expected.items():
        print(f"  {what}: {got} (expected {want})", flush=True)
    if wrong:
        fail(f"metrics disagree with the jobs run: {wrong}")
    print(f"/metrics on the api and both workers count exactly the {jobs} jobs, {steps} steps and {predicts} predicts run", flush=True)


def main():
    work = tempfile.mkdtemp(prefix="trainservice-fleet-")
    try:
        bucket_dir = start_s3rver(work)
        start_postgres(work)
        start_trainservice(work, "api", "api", API_PORT)
        workers = {name: start_trainservice(work, "worker", name, port) for name, port in WORKER_PORTS.items()}
        killed = kill_and_resume(work, workers)
        workers[killed] = start_trainservice(work, "worker", killed, WORKER_PORTS[killed])
        check_objects(bucket_dir)
        check_metrics()
        print("fleet check passed", flush=True)
    except SystemExit:
        for log in sorted(glob.glob(os.path.join(work, "*.log"))):
            print(f"--- {os.path.basename(log)} (last 3000 characters)\n{read(log)[-3000:]}")
        raise
    finally:
        stop_everything()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
