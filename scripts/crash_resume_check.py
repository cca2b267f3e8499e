#!/usr/bin/env python3
"""Kill the service mid-training (SIGKILL, then SIGTERM), restart it, and check that each
interrupted job finishes with exactly the metrics and predictions of an uninterrupted run.
A second spec (early stopping + reduce-on-plateau) is killed with SIGKILL after its best epoch,
while both counters are running: the resumed job must stop at the same epoch with the same
restored best weights. Because training is deterministic, equal results alone would also pass for
a job that restarted from epoch 0; so the script also checks that the job was running, past the
epoch, with checkpoints on disk when the signal was sent, and that the restarted service logged
resuming from a checkpoint at or after the newest one seen before the kill (the graceful stop's
from `interrupted`).

Usage: python3 scripts/crash_resume_check.py [path/to/TrainService.Api.dll]
Run by .ci/run after the build. Standard library only.
"""
import atexit, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request

from check_support import DLL, PREDICT_INPUTS as INPUTS, call as call_at, resume_spec

PORT = int(os.environ.get("CRASH_CHECK_PORT", "5391"))
BASE = f"http://127.0.0.1:{PORT}"
SPEC = resume_spec("crash-resume", every_epochs=2)
EARLY_SPEC = dict(
    SPEC,
    name="crash-resume-early-stopping",
    dataset={"kind": "xor", "samples": 1000, "noise": 0.5, "seed": 3},
    optimizer={"kind": "adam", "lr": 0.02},
    training={"epochs": 60, "batchSize": 4, "seed": 11, "validationSplit": 0.2,
              "schedule": {"kind": "reduce_on_plateau", "factor": 0.5, "patience": 1},
              "earlyStopping": {"monitor": "valLoss", "patience": 5, "minDelta": 0.0001}},
    checkpoints={"everyEpochs": 1, "keepLast": 2},
)


def call(method, path, body=None):
    return call_at(BASE, method, path, body)


STARTED = []


@atexit.register
def stop_services():
    """A failed check exits through sys.exit mid-run: never leave a service holding the port."""
    for process in STARTED:
        if process.poll() is None:
            process.kill()


def start(data_dir, log):
    process = subprocess.Popen(
        ["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={data_dir}", "--Serilog:MinimumLevel:Default=Warning",
         # The job's own log says where each attempt begins ("resumes from checkpoint ... after epoch N").
         "--Serilog:MinimumLevel:Override:TrainService.Jobs.Execution.TrainingJob=Information"],
        # From the build folder, so the host finds its appsettings.json (the Serilog console sink among them).
        stdout=log, stderr=subprocess.STDOUT, cwd=os.path.dirname(os.path.abspath(DLL)))
    STARTED.append(process)
    deadline = time.time() + 120  # the host can be slow to start on a busy CI machine
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"service exited with {process.returncode} during start-up (port {PORT} in use?)")
        try:
            urllib.request.urlopen(BASE + "/health", timeout=5)
            return process
        except OSError:  # refused, reset or timed out while the host starts
            time.sleep(0.2)
    process.kill()
    sys.exit("service did not become healthy within 120 s")


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
    losses = [(e["epoch"], e["trainLoss"], e["valLoss"], e["trainAccuracy"], e["valAccuracy"], e["learningRate"]) for e in epochs]
    return losses, [o[0] for o in outputs]


def checkpoints_on_disk(data_dir, job_id):
    folder = os.path.join(data_dir, "artifacts", "jobs", job_id.replace("-", ""), "checkpoints")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def resume_line(log_path, offset, job_id):
    """From the restarted service's log: the checkpoint the job resumed from and its epoch, and the epoch
    and global step the training session really began at (a session that started over says epoch 1, step 0)."""
    with open(log_path) as log:
        log.seek(offset)
        text = log.read()
    resumed = re.search(rf"Job {job_id} resumes from checkpoint (\S+) after epoch (\d+)", text)
    began = re.search(rf"Job {job_id}: this attempt trained from epoch (\d+), global step (\d+)", text)
    if not resumed or not began:
        return None
    return resumed.group(1), int(resumed.group(2)), int(began.group(1)), int(began.group(2))


def interrupted_run(data_dir, log, sig, name, spec=SPEC, after_epochs=7):
    service = start(data_dir, log)
    job = call("POST", "/api/jobs", dict(spec, name=name))
    wait_for(job["id"], lambda _, e: len(e) >= after_epochs, f"{after_epochs} epochs")
    # What stands when the signal goes: a running job past the epoch, with epoch checkpoints on disk.
    state = call("GET", f"/api/jobs/{job['id']}")
    seen = len(call("GET", f"/api/jobs/{job['id']}/metrics")["epochs"])
    listed = [c for c in call("GET", f"/api/jobs/{job['id']}/checkpoints") if c["name"].startswith("epoch-")]
    on_disk = checkpoints_on_disk(data_dir, job["id"])
    if state["status"] != "running" or seen < after_epochs:
        sys.exit(f"{name}: the job should be running past epoch {after_epochs} when signalled; it is {state['status']} after {seen}")
    # Training goes on while we look: between the two reads a newer checkpoint may be written and an
    # older one pruned (keepLast), so a listed checkpoint counts when its file, or a newer one, is on disk.
    disk_epochs = [int(f[len("epoch-"):-len(".bin")]) for f in on_disk if f.startswith("epoch-") and f.endswith(".bin")]
    if not listed or not disk_epochs or max(disk_epochs) < max(c["epoch"] for c in listed):
        sys.exit(f"{name}: epoch checkpoints should exist before the kill; listed {[c['name'] for c in listed]}, on disk {on_disk}")
    newest_before = max(c["epoch"] for c in listed)
    service.send_signal(sig)
    service.wait(timeout=60)
    interrupted = os.path.join(data_dir, "artifacts", "jobs", job["id"].replace("-", ""), "checkpoints", "interrupted.bin")
    if sig == signal.SIGTERM and not os.path.exists(interrupted):
        sys.exit(f"{name}: a graceful stop should have written {interrupted}")
    print(f"{name}: sent {signal.Signals(sig).name} to a running job after {seen} epochs (newest epoch checkpoint {newest_before}); "
          f"interrupted checkpoint written: {os.path.exists(interrupted)}; restarting", flush=True)
    log.flush()
    offset = os.path.getsize(log.name)
    service = start(data_dir, log)
    try:
        result = outcome(job["id"])
        resumed = resume_line(log.name, offset, job["id"])
        if resumed is None:
            sys.exit(f"{name}: the restarted service never logged resuming job {job['id']}: it started over")
        checkpoint, epoch, began_epoch, began_step = resumed
        expected = "interrupted" if sig == signal.SIGTERM else None
        if epoch < newest_before or (expected and checkpoint != expected) or (expected and epoch < seen):
            sys.exit(f"{name}: resumed from {checkpoint} after epoch {epoch}; expected {expected or 'a checkpoint'} at or after epoch "
                     f"{seen if expected else newest_before}")
        if began_epoch != epoch + 1 or began_step == 0:
            sys.exit(f"{name}: the checkpoint was after epoch {epoch}, but training began at epoch {began_epoch}, global step {began_step}")
        checkpoints = [c["name"] for c in call("GET", f"/api/jobs/{job['id']}/checkpoints")]
        print(f"{name}: resumed from {checkpoint} after epoch {epoch}, training began at epoch {began_epoch} "
              f"(global step {began_step}), and succeeded; checkpoints {checkpoints}", flush=True)
        return result
    finally:
        service.terminate()
        service.wait(timeout=60)


def uninterrupted(data_dir, log, spec, name):
    service = start(data_dir, log)
    try:
        reference = outcome(call("POST", "/api/jobs", dict(spec, name=name))["id"])
    finally:
        service.terminate()
        service.wait(timeout=60)
    print(f"{name}: {len(reference[0])} epochs; final predictions", [repr(v) for v in reference[1]], flush=True)
    return reference


def matches(name, result, reference):
    losses, outputs = result
    print(f"{name}: final predictions", [repr(v) for v in outputs], flush=True)
    if outputs == reference[1] and losses == reference[0]:
        print(f"{name}: {len(losses)} epochs of metrics and all predictions equal the uninterrupted run bit for bit", flush=True)
        return True
    print(f"{name}: MISMATCH with the uninterrupted run ({len(losses)} vs {len(reference[0])} epochs)", flush=True)
    for a, b in zip(losses, reference[0]):
        if a != b:
            print("  first differing epoch:", a, "vs", b)
            break
    return False


def main():
    work = tempfile.mkdtemp(prefix="trainservice-crash-")
    failed = False
    try:
        with open(os.path.join(work, "service.log"), "w") as log:
            reference = uninterrupted(os.path.join(work, "reference"), log, SPEC, "uninterrupted")
            for sig, name in ((signal.SIGKILL, "sigkill"), (signal.SIGTERM, "sigterm")):
                failed |= not matches(name, interrupted_run(os.path.join(work, name), log, sig, name), reference)

            early = uninterrupted(os.path.join(work, "early-reference"), log, EARLY_SPEC, "early-stopping uninterrupted")
            epochs = [e[0] for e in early[0]]
            best = min(early[0], key=lambda e: e[2])[0]
            kill_after = len(epochs) - 2
            lrs = {e[5] for e in early[0]}
            if len(epochs) >= EARLY_SPEC["training"]["epochs"] or kill_after <= best + 1 or len(lrs) < 2:
                sys.exit(f"early-stopping spec no longer exercises resume mid-patience: {len(epochs)} epochs, best {best}, learning rates {sorted(lrs)}")
            print(f"early-stopping uninterrupted: best epoch {best}, stopped after {len(epochs)}, {len(lrs)} learning rates", flush=True)
            name = "early-stopping sigkill"
            result = interrupted_run(os.path.join(work, "early-sigkill"), log, signal.SIGKILL, name, EARLY_SPEC, kill_after)
            failed |= not matches(name, result, early)
    finally:
        if failed:
            print(open(os.path.join(work, "service.log")).read()[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
