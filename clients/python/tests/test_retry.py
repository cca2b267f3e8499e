"""Retries, backoff, Retry-After and the auth header, against a tiny scripted HTTP server (no service needed)."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import trainservice
from live_server import free_port

JOB = {"id": "01a2", "name": "x", "status": "queued"}
BROKEN = object()
QUEUE_FULL = {"title": "Too many queued jobs", "status": 429, "detail": "The queue is full; retry after 1 seconds."}


class FakeService:
    """Answers each request with the next scripted (status, headers, body) and records what it got."""

    def __init__(self, script):
        self.script, self.requests = list(script), []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                fake.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                      "body": self.rfile.read(length), "at": time.monotonic()})
                status, headers, body = fake.script.pop(0) if len(fake.script) > 1 else fake.script[0]
                if body is BROKEN:  # promise more than is sent, then hang up: a stream cut mid-way
                    self.send_response(status)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b"event: status\n")
                    self.wfile.flush()
                    self.close_connection = True
                    return
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake(request):
    service = FakeService(request.param)
    yield service
    service.close()


@pytest.mark.parametrize("fake", [[(429, {"Retry-After": "1"}, QUEUE_FULL)] * 2 + [(201, {}, JOB)]], indirect=True)
def test_429_is_retried_after_the_wait_the_service_asks_for_with_the_same_idempotency_key(fake):
    client = trainservice.TrainClient(fake.url, backoff=0.01)
    assert client.submit({"name": "x"}) == JOB
    assert len(fake.requests) == 3
    gaps = [b["at"] - a["at"] for a, b in zip(fake.requests, fake.requests[1:])]
    assert all(gap >= 0.95 for gap in gaps), gaps  # Retry-After: 1, not the 0.01 s backoff
    keys = {r["headers"]["Idempotency-Key"] for r in fake.requests}
    assert len(keys) == 1 and keys.pop().startswith("trainservice-python-")
    assert {r["body"] for r in fake.requests} == {b'{"name": "x"}'}


@pytest.mark.parametrize("fake", [[(503, {}, {"title": "Unavailable"})] * 2 + [(200, {}, JOB)]], indirect=True)
def test_503_without_retry_after_backs_off_exponentially(fake):
    client = trainservice.TrainClient(fake.url, backoff=0.2)
    assert client.get("01a2") == JOB
    first, second = (b["at"] - a["at"] for a, b in zip(fake.requests, fake.requests[1:]))
    assert 0.1 <= first < 0.35 and 0.2 <= second < 0.6  # 0.2·2⁰ and 0.2·2¹, each with jitter in [½, 1]


@pytest.mark.parametrize("fake", [[(429, {"Retry-After": "0"}, QUEUE_FULL)]], indirect=True)
def test_when_retries_run_out_the_429_is_raised_with_its_problem_and_retry_after(fake):
    client = trainservice.TrainClient(fake.url, max_retries=2)
    with pytest.raises(trainservice.RateLimitedError) as raised:
        client.submit({"name": "x"})
    assert len(fake.requests) == 3
    assert raised.value.status == 429 and raised.value.title == "Too many queued jobs"
    assert raised.value.retry_after == 0
    assert raised.value.detail == QUEUE_FULL["detail"]


@pytest.mark.parametrize("fake", [[(404, {}, {"title": "Job not found", "status": 404})]], indirect=True)
def test_a_404_is_not_retried(fake):
    with pytest.raises(trainservice.NotFoundError):
        trainservice.TrainClient(fake.url).get("01a2")
    assert len(fake.requests) == 1


def test_connection_failures_are_retried_then_raised():
    client = trainservice.TrainClient(f"http://127.0.0.1:{free_port()}", max_retries=3, backoff=0.1)
    started = time.monotonic()
    with pytest.raises(trainservice.ServiceConnectionError):
        client.get("01a2")
    assert time.monotonic() - started >= 0.05 + 0.1 + 0.2  # three backoffs, jitter at least half of each


@pytest.mark.parametrize("fake", [[(200, {}, JOB)]], indirect=True)
def test_the_api_key_is_sent_as_a_bearer_token_from_the_argument_or_the_environment(fake, monkeypatch):
    trainservice.TrainClient(fake.url, api_key="k1").get("01a2")
    monkeypatch.setenv("TRAINSERVICE_API_KEY", "k2")
    trainservice.TrainClient(fake.url).get("01a2")
    monkeypatch.delenv("TRAINSERVICE_API_KEY")
    trainservice.TrainClient(fake.url).get("01a2")
    assert [r["headers"].get("Authorization") for r in fake.requests] == ["Bearer k1", "Bearer k2", None]


def test_retry_after_as_an_http_date():
    from email.utils import formatdate
    from trainservice.transport import parse_retry_after
    assert 8 <= parse_retry_after(formatdate(time.time() + 10, usegmt=True)) <= 10
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def job_in(status):
    return {"id": "01a2", "name": "x", "status": status, "spec": {"training": {"epochs": 3}},
            "startedAt": None, "finishedAt": None, "finalMetrics": None}


@pytest.mark.parametrize("fake", [[(200, {}, job_in("running")), (200, {}, BROKEN),
                                   (200, {}, {"jobId": "01a2", "epochs": []}), (200, {}, job_in("succeeded"))]],
                         indirect=True)
def test_wait_falls_back_to_polling_when_the_event_stream_breaks(fake):
    job = trainservice.TrainClient(fake.url).wait("01a2", timeout=10, progress=False)
    assert job["status"] == "succeeded"
    assert [r["path"] for r in fake.requests] == [
        "/api/jobs/01a2", "/api/jobs/01a2/events", "/api/jobs/01a2/metrics", "/api/jobs/01a2"]


@pytest.mark.parametrize("fake", [[(200, {}, JOB)]], indirect=True)
def test_the_client_is_a_context_manager_that_closes_its_session(fake, monkeypatch):
    closed = []
    with trainservice.TrainClient(fake.url) as client:
        monkeypatch.setattr(client._http.session, "close", lambda: closed.append(True))
        assert client.get("01a2") == JOB
    assert closed == [True]
