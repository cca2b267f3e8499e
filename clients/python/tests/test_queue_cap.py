"""The real 429 of a full queue: raised with its Retry-After, or waited out by the client's retry."""
import threading
import time

import pytest

import trainservice
from conftest import slow_spec
from live_server import live_server


@pytest.fixture(scope="module")
def capped_url():
    # One worker and room for one queued job: a running job plus a queued one fill it.
    with live_server("--TrainService:TrainingWorkers=1", "--TrainService:MaxQueuedJobs=1") as url:
        yield url


def test_a_full_queue_raises_rate_limited_then_a_retrying_client_gets_in_once_it_drains(capped_url):
    client = trainservice.TrainClient(capped_url)
    running = client.submit(slow_spec("capped-running"))
    deadline = time.monotonic() + 30
    while client.get(running["id"])["status"] == "queued" and time.monotonic() < deadline:
        time.sleep(0.1)
    queued = client.submit(slow_spec("capped-queued"))

    with pytest.raises(trainservice.RateLimitedError) as raised:
        trainservice.TrainClient(capped_url, max_retries=0).submit(slow_spec("capped-refused"))
    assert raised.value.retry_after == 5
    assert raised.value.title == "Too many queued jobs"

    drain = threading.Timer(1.0, client.cancel, [queued["id"]])
    drain.start()
    started = time.monotonic()
    admitted = client.submit(slow_spec("capped-admitted"))
    waited = time.monotonic() - started
    drain.join()
    assert admitted["status"] == "queued"
    assert waited >= 4.5  # the service's Retry-After: 5, not the client's 0.5 s backoff
    for job in (admitted, running):
        client.cancel(job["id"])
