"""Fixtures: one live service for the whole session (started from the built binary), a client,
and small XOR specs with names unique to each test so tests never see each other's jobs."""
from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]  # the package from the source tree, and live_server

import trainservice  # noqa: E402
from trainservice import specs  # noqa: E402
from live_server import live_server  # noqa: E402


@pytest.fixture(scope="session")
def server_url():
    with live_server() as url:
        yield url


@pytest.fixture
def client(server_url):
    return trainservice.TrainClient(server_url, max_retries=2, backoff=0.1)


@pytest.fixture
def unique():
    """A name prefix no other test uses."""
    return f"t-{uuid.uuid4().hex[:10]}"


def xor_spec(name: str, *, epochs: int = 20, diagnostics: bool = False, activation: str = "tanh", samples: int = 200):
    return specs.training_spec(
        name, specs.xor(samples=samples, seed=1), specs.mlp(2, [4], activation=activation), specs.loss("bce"),
        specs.adam(lr=0.05), epochs=epochs, batch_size=32, seed=7, validation_split=0.2,
        diagnostics=specs.diagnostics(every=5) if diagnostics else None)


def slow_spec(name: str):
    """Thousands of one-example steps per epoch: still running when a test looks."""
    spec = xor_spec(name, epochs=1000, samples=5000)
    spec["training"]["batchSize"] = 1
    return spec


@pytest.fixture(scope="session")
def trained(server_url):
    """One succeeded XOR job with diagnostics, shared by the tests that only read."""
    client = trainservice.TrainClient(server_url)
    job = client.submit(xor_spec(f"trained-{uuid.uuid4().hex[:8]}", epochs=60, diagnostics=True))
    job = client.wait(job["id"], timeout=60, progress=False)
    assert job["status"] == "succeeded", job
    return job
