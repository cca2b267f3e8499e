#!/usr/bin/env python3
"""Run suites on a running service and save their reports (how docs/suites/ was made).

Usage: python3 scripts/run_suites.py [--url http://localhost:5000] [--size full] [--out docs/suites] NAME...
Asks for a run of every NAME at once (they queue behind each other), waits for all of them, and
writes NAME.md and NAME.html from GET /api/suites/NAME/runs/{id}/report.
"""
import argparse, json, os, sys, time, urllib.request


def call(url, method="GET", body=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="+")
    parser.add_argument("--url", default="http://localhost:5000")
    parser.add_argument("--size", default="full")
    parser.add_argument("--out", default="docs/suites")
    args = parser.parse_args()
    started = time.monotonic()
    runs = {name: json.loads(call(f"{args.url}/api/suites/{name}/runs", "POST", {"size": args.size}))["id"] for name in args.names}
    os.makedirs(args.out, exist_ok=True)
    while runs:
        for name, run_id in list(runs.items()):
            base = f"{args.url}/api/suites/{name}/runs/{run_id}"
            run = json.loads(call(base))
            if run["status"] in ("queued", "running"):
                continue
            for fmt, ext in (("markdown", "md"), ("html", "html")):
                with open(os.path.join(args.out, f"{name}.{ext}"), "w") as f:
                    f.write(call(f"{base}/report?format={fmt}"))
            print(f"{name}: {run['status']} after {time.monotonic() - started:.0f} s, {len(run['regressions'])} regressions → {args.out}/{name}.md")
            del runs[name]
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
