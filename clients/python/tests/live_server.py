"""Start the built service on a free port with a fresh data folder, for the tests and the notebook run.

The API must be built first (``dotnet build``; ``.ci/run`` builds it with ``dotnet test``).
TRAINSERVICE_API_DLL points at another build; TRAINSERVICE_TEST_URL uses a service that is
already running instead of starting one.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DLL = REPO / "src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:
            return response.read().strip() == b"Healthy"
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


@contextlib.contextmanager
def live_server(*settings: str, startup_timeout: float = 90.0) -> Iterator[str]:
    """Yield the base URL of a running service; stop it and remove its data afterwards.
    ``settings`` are extra configuration arguments such as ``--TrainService:MaxQueuedJobs=1``."""
    existing = os.environ.get("TRAINSERVICE_TEST_URL")
    if existing and not settings:
        yield existing.rstrip("/")
        return
    dll = Path(os.environ.get("TRAINSERVICE_API_DLL", DEFAULT_DLL))
    if not dll.exists():
        raise RuntimeError(f"{dll} does not exist: build the service first (dotnet build src/Api)")
    data = tempfile.mkdtemp(prefix="trainservice-client-tests-")
    url = f"http://127.0.0.1:{free_port()}"
    log = open(os.path.join(data, "service.log"), "wb")
    process = subprocess.Popen(
        ["dotnet", str(dll), "--urls", url, f"--TrainService:DataDirectory={data}",
         "--Serilog:MinimumLevel:Default=Warning", *settings],
        stdout=log, stderr=subprocess.STDOUT, cwd=data)
    try:
        deadline = time.monotonic() + startup_timeout
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = Path(data, "service.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the service at {url} did not become healthy:\n{tail}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(data, ignore_errors=True)
