#!/usr/bin/env python3
"""Execute notebooks/quickstart.ipynb end to end against a live service (started here from the built
API, on a free port with a fresh data folder) and keep the executed copy as HTML under
artifacts/notebooks/. Fails if any cell raises or the notebook takes more than 5 minutes.

Usage: /usr/bin/python3 scripts/notebook_check.py    (Debian's python3 with jupyter-nbconvert and
python3-ipykernel; run by .ci/run after the build)
"""
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "clients/python/tests"))
from live_server import live_server  # noqa: E402

NOTEBOOK = ROOT / "notebooks/quickstart.ipynb"
OUTPUT = ROOT / "artifacts/notebooks"


def main() -> None:
    with live_server() as url:
        # PYDEVD_…: silences ipykernel's debugger warning about frozen modules on every kernel start.
        env = dict(os.environ, TRAINSERVICE_URL=url, PYTHONPATH=str(ROOT / "clients/python"), PYDEVD_DISABLE_FILE_VALIDATION="1")
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--execute",
                        "--ExecutePreprocessor.timeout=300", "--output-dir", str(OUTPUT), str(NOTEBOOK)],
                       check=True, env=env, cwd=NOTEBOOK.parent)
        elapsed = time.monotonic() - started
    html = (OUTPUT / "quickstart.html").read_text()
    # The executed copy must show what the notebook is for: live progress bars and inline images.
    for needle, what in [("<progress", "a progress bar"), ("data:image/png;base64", "an inline plot")]:
        if needle not in html:
            sys.exit(f"the executed notebook shows no {what}")
    print(f"notebook executed in {elapsed:.1f} s: {OUTPUT / 'quickstart.html'}")


if __name__ == "__main__":
    main()
