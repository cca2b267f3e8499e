#!/usr/bin/env python3
"""Issue 16, acceptance 1: two shipped suites at size smoke through the recurring-job path.

Starts the built service on a fresh data folder, asks for a run of each suite (POST
/api/suites/{name}/runs triggers the suite's Hangfire recurring job at once, the path its cron takes),
waits for both, and checks that each report lists every arm of the suite file with a 95% confidence
interval, and that the run was taken by the recurring job (build and machine recorded).

Usage: python3 scripts/suites_smoke_check.py [path/to/TrainService.Api.dll]
SUITES_CHECK_PORT (default 5393) picks the port; SUITES_CHECK_SUITES the suites (default sigmoids,rectifiers).
"""
import json, os, re, subprocess, sys, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll")
PORT = int(os.environ.get("SUITES_CHECK_PORT", "5393"))
BASE = f"http://127.0.0.1:{PORT}"
SUITES = os.environ.get("SUITES_CHECK_SUITES", "sigmoids,rectifiers").split(",")
CI_CELL = re.compile(r"\[-?\d+\.\d+, -?\d+\.\d+\]")


def call(method, path, body=None, raw=False):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, (text if raw else json.loads(text))
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def arms_of(suite):
    """The arm names the suite file promises, per part: its armLabels, or how many arms its factors make."""
    with open(os.path.join(ROOT, "suites", f"{suite}.json")) as f:
        definition = json.load(f)
    parts = {}
    for part in definition["parts"]:
        count = 1
        for factor in part["study"]["factors"]:
            count *= len(factor["values"])
        parts[part["name"]] = (part.get("armLabels"), count)
    return parts


def check(suite, run):
    failures = []
    if run["status"] != "succeeded":
        failures.append(f"status {run['status']} (error: {run.get('error')})")
    if run["machine"] is None or "+" not in run["serviceVersion"]:
        failures.append("the recurring job did not record the machine and the stamped build")
    status, markdown = call("GET", f"/api/suites/{suite}/runs/{run['id']}/report", raw=True)
    _, html = call("GET", f"/api/suites/{suite}/runs/{run['id']}/report?format=html", raw=True)
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith("| rank")]
    for part, (labels, count) in arms_of(suite).items():
        reported = next((p for p in run["parts"] if p["name"] == part), None)
        if reported is None:
            failures.append(f"part {part} missing")
            continue
        if len(reported["arms"]) != count:
            failures.append(f"part {part}: {len(reported['arms'])} arms reported, the suite has {count}")
        for arm in reported["arms"]:
            if arm["ciLow"] is None or arm["ciHigh"] is None:
                failures.append(f"part {part}, arm {arm['label']}: no confidence interval (n = {arm['n']})")
            row = next((r for r in rows if f"| {arm['label']} |" in r), None)
            if row is None or not CI_CELL.search(row):
                failures.append(f"part {part}, arm {arm['label']}: not in the Markdown report with a CI")
            if arm["label"] not in html:
                failures.append(f"part {part}, arm {arm['label']}: not in the HTML report")
        for label in labels or []:
            if not any(a["label"] == label for a in reported["arms"]):
                failures.append(f"part {part}: arm {label} of the suite file missing")
    return status, markdown, failures


def main():
    data = tempfile.mkdtemp(prefix="suites-smoke-")
    log = open(os.path.join(data, "service.log"), "wb")
    service = subprocess.Popen(["dotnet", DLL, "--urls", BASE, f"--TrainService:DataDirectory={data}", "--Serilog:MinimumLevel:Default=Warning"],
                               stdout=log, stderr=subprocess.STDOUT, cwd=data)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if call("GET", "/health", raw=True)[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if service.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"service did not start on port {PORT} (see {data}/service.log)")
            time.sleep(0.5)
        started = time.monotonic()
        runs = {}
        for suite in SUITES:
            status, run = call("POST", f"/api/suites/{suite}/runs", {"size": "smoke"})
            if status != 202:
                sys.exit(f"{suite}: POST runs gave {status}: {run}")
            runs[suite] = run["id"]
        finished = {}
        while len(finished) < len(runs):
            if time.monotonic() - started > 600:
                sys.exit(f"suite runs not finished after 10 minutes: {sorted(set(runs) - set(finished))}")
            for suite, run_id in runs.items():
                if suite not in finished:
                    _, run = call("GET", f"/api/suites/{suite}/runs/{run_id}")
                    if run["status"] not in ("queued", "running"):
                        finished[suite] = run
            time.sleep(0.5)
        failed = False
        for suite, run in finished.items():
            _, markdown, failures = check(suite, run)
            print(markdown)
            for failure in failures:
                print(f"FAIL {suite}: {failure}")
            failed |= bool(failures)
        print(f"{len(finished)} suites at size smoke in {time.monotonic() - started:.1f} s")
        sys.exit(1 if failed else 0)
    finally:
        service.terminate()
        try:
            service.wait(timeout=20)
        except subprocess.TimeoutExpired:
            service.kill()


if __name__ == "__main__":
    main()
