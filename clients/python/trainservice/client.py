"""TrainClient: one method per thing a user does with the service, shaped like MLflow's
MlflowClient and Ray's JobSubmissionClient. Responses are the service's JSON as dicts (camelCase
keys, exactly as in openapi/openapi.json); tables can come back as pandas DataFrames."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
import uuid
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Mapping, Optional, Sequence, Union

import requests

from . import frames
from .errors import WaitTimeoutError
from .plots import Plot
from .progress import progress_bar
from .sse import Event, read_events
from .transport import ServiceConnectionError, Transport

Json = dict[str, Any]
Spec = Union[Mapping[str, Any], str]

FINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
API_KEY_VARIABLE = "TRAINSERVICE_API_KEY"


class Page(list):
    """One page of a listing (jobs or datasets): the items, plus ``page``, ``page_size`` and ``total``."""

    def __init__(self, body: Mapping[str, Any]):
        super().__init__(body["items"])
        self.page, self.page_size, self.total = body["page"], body["pageSize"], body["total"]

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total


class TrainClient:
    """A client of one TrainService.

    ``api_key`` (or the ``TRAINSERVICE_API_KEY`` variable) is sent as ``Authorization: Bearer``.
    Every request is retried on 429/502/503/504 and on connection failures (``max_retries``
    times, honouring Retry-After), so ``submit`` sends an Idempotency-Key of its own when given
    none: a retried submission never creates a second job.
    """

    def __init__(self, base_url: str = "http://localhost:5000", api_key: Optional[str] = None, *,
                 timeout: float = 30.0, max_retries: int = 5, backoff: float = 0.5, max_backoff: float = 30.0,
                 max_retry_after: float = 60.0, session: Optional[requests.Session] = None):
        self.base_url = base_url.rstrip("/")
        self._http = Transport(self.base_url, api_key or os.environ.get(API_KEY_VARIABLE), timeout=timeout,
                               max_retries=max_retries, backoff=backoff, max_backoff=max_backoff,
                               max_retry_after=max_retry_after, session=session)

    def __repr__(self) -> str:
        return f"TrainClient({self.base_url!r})"

    def close(self) -> None:
        """Close the pooled connections (``with TrainClient(...) as client:`` does it on exit)."""
        self._http.session.close()

    def __enter__(self) -> "TrainClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # Service

    def health(self) -> bool:
        """True when the service answers Healthy (database reachable, libtorch computes)."""
        try:
            return self._http.request("GET", "/health").text.strip() == "Healthy"
        except Exception:
            return False

    # Specs and jobs

    def validate(self, spec: Spec) -> Json:
        """Check a spec without enqueuing it: ``{"layers": [{path, kind, outputShape, parameters}], "parameters": n, "warnings": [{code, path, message}]}``.
        Raises SpecValidationError listing every problem by JSON path."""
        return self._http.json("POST", "/api/specs/validate", json=_spec_body(spec), spec=True)

    def spec_schema(self) -> Json:
        """The training spec as a standalone JSON Schema (2020-12), for editors and offline checks."""
        return self._http.json("GET", "/api/specs/schema")

    def submit(self, spec: Spec, idempotency_key: Optional[str] = None) -> Json:
        """Validate and enqueue a spec; returns the job (status ``queued``). The same
        ``idempotency_key`` with the same spec returns the existing job instead of a new one."""
        key = idempotency_key or f"trainservice-python-{uuid.uuid4()}"
        return self._http.json("POST", "/api/jobs", json=_spec_body(spec), headers={"Idempotency-Key": key}, spec=True)

    def get(self, job_id: str) -> Json:
        """The job: status, spec with defaults filled in, timestamps, failure reason, final metrics, events, attempts (each worker that trained or resumed it)."""
        return self._http.json("GET", f"/api/jobs/{job_id}")

    def list(self, status: Optional[str] = None, name: Optional[str] = None,
             created_after: Union[str, dt.date, dt.datetime, None] = None, *, page: int = 1, page_size: int = 20,
             as_frame: bool = False):
        """One page of job summaries, newest first; ``name`` matches a prefix, ``created_after`` is
        an ISO 8601 string or a date/datetime (naive means UTC). A Page (a list with ``total``),
        or a DataFrame indexed by id with ``as_frame=True``."""
        params = {"status": status, "name": name, "createdAfter": _iso(created_after), "page": page, "pageSize": page_size}
        jobs = Page(self._http.json("GET", "/api/jobs", params=params))
        return frames.frame(jobs, index="id") if as_frame else jobs

    def iter_jobs(self, status: Optional[str] = None, name: Optional[str] = None,
                  created_after: Union[str, dt.date, dt.datetime, None] = None, *, page_size: int = 100) -> Iterator[Json]:
        """Every matching job summary, newest first, page after page."""
        page = 1
        while True:
            jobs = self.list(status, name, created_after, page=page, page_size=page_size)
            yield from jobs
            if not jobs.has_more or not jobs:
                return
            page += 1

    def cancel(self, job_id: str) -> Json:
        """Cancel a queued job, or stop a running one at its next batch. ConflictError if it already finished."""
        return self._http.json("POST", f"/api/jobs/{job_id}/cancel")

    def wait(self, job_id: str, timeout: Optional[float] = None, progress: bool = True) -> Json:
        """Block until the job is succeeded, failed or cancelled and return it. Follows the job's
        event stream, drawing a progress bar (HTML in Jupyter, a line on a terminal) unless
        ``progress=False``; falls back to polling if the stream breaks. WaitTimeoutError after
        ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        job = self.get(job_id)
        bar = progress_bar(job["name"], job["spec"]["training"]["epochs"], enabled=progress)
        bar.update(status=job["status"])
        while job["status"] not in FINAL_STATUSES:
            try:
                self._follow(job_id, bar, deadline)
            except (ServiceConnectionError, requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ReadTimeout, requests.ConnectionError):
                self._poll_once(job_id, bar, deadline)
            job = self.get(job_id)
            if deadline is not None and time.monotonic() > deadline and job["status"] not in FINAL_STATUSES:
                bar.close(job["status"])
                raise WaitTimeoutError(job_id, timeout, job)
        final = job.get("finalMetrics") or {}
        bar.update(epoch=final.get("epoch"), loss=final.get("trainLoss"))
        bar.close(job["status"], _run_seconds(job))
        return job

    def _follow(self, job_id: str, bar, deadline: Optional[float]) -> None:
        # The read timeout bounds each wait for the next event, so the deadline is checked at least that often.
        read_timeout = 60.0 if deadline is None else max(0.2, min(60.0, deadline - time.monotonic()))
        with contextlib.closing(self.events(job_id, read_timeout=read_timeout)) as events:  # closes the stream on early return
            for event in events:
                if event.type == "epoch":
                    bar.update(epoch=event.data["epoch"], loss=event.data.get("trainLoss"), status="running")
                elif event.type == "status":
                    bar.update(status=event.data["status"])
                if event.type == "end" or (deadline is not None and time.monotonic() > deadline):
                    return

    def _poll_once(self, job_id: str, bar, deadline: Optional[float]) -> None:
        time.sleep(0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic())))
        epochs = self.metrics(job_id)
        if epochs:
            bar.update(epoch=epochs[-1]["epoch"], loss=epochs[-1]["trainLoss"])

    def events(self, job_id: str, *, read_timeout: Optional[float] = None) -> Iterator[Event]:
        """The job's Server-Sent Events as they happen: ``status``, ``epoch`` (one epoch's metrics),
        ``pathology`` (a diagnostics event), and finally ``end``. A late caller first gets
        everything so far. The generator ends with the stream."""
        response = self._http.request("GET", f"/api/jobs/{job_id}/events", stream=True,
                                      headers={"Accept": "text/event-stream"},
                                      timeout=(self._http.timeout, read_timeout))
        for event in read_events(response):
            yield event
            if event.type == "end":
                return

    # Results

    def metrics(self, job_id: str, *, as_frame: bool = False):
        """Per-epoch metrics: epoch, trainLoss, valLoss, trainAccuracy, valAccuracy, seconds, learningRate."""
        epochs = self._http.json("GET", f"/api/jobs/{job_id}/metrics")["epochs"]
        return frames.frame(epochs, index="epoch") if as_frame else epochs

    def step_metrics(self, job_id: str, max_points: int = 1000, *, as_frame: bool = False):
        """Per-step loss, gradNorm, lr (and clippedGradNorm when the spec clips), downsampled on the server to at most ``max_points``."""
        steps = self._http.json("GET", f"/api/jobs/{job_id}/metrics/steps", params={"maxPoints": max_points})["steps"]
        return frames.frame(steps, index="step") if as_frame else steps

    def results(self, job_id: str) -> Json:
        """Final and best epoch, parameter count, wall time, throughput, peak memory, test metrics, events."""
        return self._http.json("GET", f"/api/jobs/{job_id}/results")

    def diagnostics(self, job_id: str, *, as_frame: bool = False):
        """Per-layer series (gradNorm, updateRatio, activation statistics) and pathology events.
        With ``as_frame=True``: a long table of metric, layer, step, epoch, value."""
        body = self._http.json("GET", f"/api/jobs/{job_id}/diagnostics")
        return frames.diagnostics_frame(body) if as_frame else body

    def predict(self, job_id: str, inputs: Sequence[Sequence[float]], checkpoint: Optional[str] = None) -> Json:
        """Run raw input rows through the trained model: ``{"outputs": [[…]], "classes": [...] or None}``."""
        return self._http.json("POST", f"/api/jobs/{job_id}/predict", params={"checkpoint": checkpoint},
                               json={"inputs": [list(row) for row in inputs]})

    def checkpoints(self, job_id: str) -> list[Json]:
        """Saved checkpoints, oldest first: name, epoch, step, metricValue, sizeBytes, createdAt."""
        return self._http.json("GET", f"/api/jobs/{job_id}/checkpoints")

    def download_checkpoint(self, job_id: str, name: str = "final", path: Union[str, Path, None] = None) -> Union[bytes, Path]:
        """A checkpoint file (final, best, latest, interrupted or epoch-NNNNNN): its bytes, or
        written to ``path`` (a file, or a folder to put ``{id}-{name}.ckpt`` in) and the path returned."""
        response = self._http.request("GET", f"/api/jobs/{job_id}/checkpoints/{name}", stream=True)
        if path is None:
            return response.content
        target = Path(path)
        if target.is_dir():
            target = target / f"{job_id}-{name}.ckpt"
        partial = target.with_name(target.name + ".partial")
        with response, open(partial, "wb") as out:
            for chunk in response.iter_content(chunk_size=1 << 16):
                out.write(chunk)
        partial.replace(target)  # never leave a half-written checkpoint under the real name
        return target

    # Plots

    def plot(self, job_id: str, kind: str = "loss", format: str = "png") -> Plot:
        """loss, accuracy, gradient-flow, activations or decision-boundary, as PNG (or SVG) bytes
        that display inline in Jupyter."""
        response = self._http.request("GET", f"/api/jobs/{job_id}/plots/{kind}", params={"format": format})
        return Plot(response.content, response.headers.get("Content-Type", "image/png"))

    def activation_plot(self, name: str, *, start: float = -5, stop: float = 5, points: int = 201, format: str = "png") -> Plot:
        """An activation f and its derivative f' over [start, stop]."""
        response = self._http.request("GET", f"/api/activations/{name}/plot",
                                      params={"format": format, "from": start, "to": stop, "points": points})
        return Plot(response.content, response.headers.get("Content-Type", "image/png"))

    def compare(self, job_ids: Sequence[str], metric: str = "valLoss", *, format: str = "json", as_frame: bool = False):
        """One per-epoch metric of several jobs aligned by epoch: JSON (``{metric, jobs, epochs: [{epoch, values}]}``),
        a DataFrame (epochs × jobs) with ``as_frame=True``, or an overlay Plot with ``format="png"``/``"svg"``."""
        params = {"jobs": ",".join(job_ids), "metric": metric, "format": format}
        if format != "json":
            response = self._http.request("GET", "/api/compare", params=params)
            return Plot(response.content, response.headers.get("Content-Type", "image/png"))
        body = self._http.json("GET", "/api/compare", params=params)
        return frames.comparison_frame(body) if as_frame else body

    # Uploaded datasets

    def upload_dataset(self, file: Union[str, Path, BinaryIO], task: str, target: Union[str, Sequence[str]], *,
                       features: Optional[Sequence[str]] = None, name: Optional[str] = None,
                       content_type: Optional[str] = None) -> Json:
        """Upload a CSV or JSON dataset (task: regression, binary or multiclass); use its ``id`` in
        ``{"kind": "uploaded", "datasetId": …}``."""
        form = {"task": task, "target": target if isinstance(target, str) else ",".join(target)}
        if features is not None:
            form["features"] = ",".join(features)
        if name is not None:
            form["name"] = name
        if isinstance(file, (str, Path)):
            with open(file, "rb") as handle:
                return self._upload(handle, Path(file).name, content_type, form)
        return self._upload(file, getattr(file, "name", "dataset.csv"), content_type, form)

    def _upload(self, handle: BinaryIO, filename: str, content_type: Optional[str], form: Json) -> Json:
        part = (os.path.basename(str(filename)), handle) + ((content_type,) if content_type else ())
        return self._http.json("POST", "/api/datasets", data=form, files={"file": part})

    def datasets(self, *, page: int = 1, page_size: int = 20) -> Page:
        """Uploaded datasets, newest first (a list with ``total``)."""
        return Page(self._http.json("GET", "/api/datasets", params={"page": page, "pageSize": page_size}))

    def get_dataset(self, dataset_id: str) -> Json:
        return self._http.json("GET", f"/api/datasets/{dataset_id}")

    def delete_dataset(self, dataset_id: str) -> None:
        self._http.request("DELETE", f"/api/datasets/{dataset_id}")

    # Studies: one base spec, factors replaced at JSON paths, every arm run on the same seeds.

    def create_study(self, name: str, base: Spec, factors: Sequence[Mapping[str, Any]], seeds: Sequence[int],
                     objective: Optional[Mapping[str, str]] = None, *, sampler: str = "grid",
                     count: Optional[int] = None, sampler_seed: Optional[int] = None,
                     scheduler: Optional[Mapping[str, Any]] = None) -> Json:
        """Plan, validate (every arm × seed) and enqueue a study; returns it. A bad arm raises
        SpecValidationError with keys like ``arms[1].$.optimizer.lr``. ``scheduler={"kind": "halving",
        "minEpochs": 3, "factor": 3}`` runs successive halving."""
        body: dict[str, Any] = {"name": name, "base": base, "factors": list(factors), "seeds": list(seeds),
                                "objective": dict(objective or {"metric": "valLoss", "mode": "min"}), "sampler": sampler}
        if count is not None:
            body["count"] = count
        if sampler_seed is not None:
            body["samplerSeed"] = sampler_seed
        if scheduler is not None:
            body["scheduler"] = dict(scheduler)
        return self._http.json("POST", "/api/studies", json=body, spec=True)

    def studies(self) -> list[Json]:
        """Every study, newest first (summaries)."""
        return self._http.json("GET", "/api/studies")

    def get_study(self, study_id: str, *, format: str = "json") -> Union[Json, str]:
        """The study: status, ranked arms with confidence intervals and paired tests, and its jobs;
        ``format="markdown"`` or ``"csv"`` returns the arms table as text."""
        if format == "json":
            return self._http.json("GET", f"/api/studies/{study_id}")
        return self._http.request("GET", f"/api/studies/{study_id}", params={"format": format}).text

    def cancel_study(self, study_id: str) -> Json:
        """Cancel every queued or running job of the study."""
        return self._http.json("POST", f"/api/studies/{study_id}/cancel")

    def study_plot(self, study_id: str, kind: str = "curves", format: str = "png") -> Plot:
        """curves (mean objective by epoch per arm, 95% band over seeds) or bars (final objective per
        arm, 95% CI error bars), as PNG (or SVG) bytes that display inline in Jupyter."""
        response = self._http.request("GET", f"/api/studies/{study_id}/plots/{kind}", params={"format": format})
        return Plot(response.content, response.headers.get("Content-Type", "image/png"))

    def delete_study(self, study_id: str) -> None:
        """Cancel the study, wait for its jobs to stop, then delete it with its jobs and their files."""
        self._http.request("DELETE", f"/api/studies/{study_id}")

    def delete(self, job_id: str) -> None:
        """Delete a finished job with its metrics, checkpoints and files; a queued or running job
        raises ApiError 409 (cancel it first), and so does a job of a study (delete the study)."""
        self._http.request("DELETE", f"/api/jobs/{job_id}")

    # Suites: versioned study definitions (suites/*.json) run now or on a schedule, each run kept and
    # compared with the previous one on the same machine.

    def suites(self) -> list[Json]:
        """Every suite: name, version, title, parts, sizes (smoke, full) and schedule."""
        return self._http.json("GET", "/api/suites")

    def run_suite(self, name: str, size: str = "full") -> Json:
        """Run a suite now (its recurring job is triggered at once); returns the run, still queued."""
        return self._http.json("POST", f"/api/suites/{name}/runs", json={"size": size})

    def schedule_suite(self, name: str, cron: Optional[str], size: str = "full") -> Json:
        """Run the suite on a cron (UTC, e.g. ``"0 2 * * *"``) at a size; ``cron=None`` removes the schedule."""
        return self._http.json("PUT", f"/api/suites/{name}/schedule", json={"cron": cron, "size": size})

    def suite_runs(self, name: str) -> list[Json]:
        """The suite's runs, newest first (summaries)."""
        return self._http.json("GET", f"/api/suites/{name}/runs")

    def get_suite_run(self, name: str, run_id: str) -> Json:
        """A run: build, machine, per part every arm's mean, 95% CI and samples/s, and regressions."""
        return self._http.json("GET", f"/api/suites/{name}/runs/{run_id}")

    def suite_report(self, name: str, run_id: str, *, format: str = "markdown") -> str:
        """The run's report as Markdown (default) or a self-contained HTML page (``format="html"``)."""
        return self._http.request("GET", f"/api/suites/{name}/runs/{run_id}/report", params={"format": format}).text

    def wait_suite_run(self, name: str, run_id: str, *, timeout: float = 600, poll: float = 0.5) -> Json:
        """Poll a run until it leaves queued/running; WaitTimeoutError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            run = self.get_suite_run(name, run_id)
            if run["status"] not in ("queued", "running"):
                return run
            if time.monotonic() > deadline:
                raise WaitTimeoutError(run_id, timeout, run)
            time.sleep(poll)

    # --- API keys (Auth:Mode keys; an admin key, except whoami) ---

    def whoami(self) -> Json:
        """The caller as the service sees it: ``{"authMode", "name", "owner", "scope"}``; ApiError 401 for a bad key."""
        return self._http.json("GET", "/api/whoami")

    def create_key(self, name: str, scopes: Sequence[str], owner: Optional[str] = None) -> Json:
        """A new key for ``owner`` (default: ``name``) with ``scopes`` (read, submit, admin): ``{"key", "details"}``.
        The key is in this answer only; the service keeps its hash."""
        return self._http.json("POST", "/api/keys", json={"name": name, "owner": owner, "scopes": list(scopes)})

    def keys(self) -> list[Json]:
        """Every key: id, prefix, name, owner, scopes, created and revoked times (never the key)."""
        return self._http.json("GET", "/api/keys")

    def revoke_key(self, key_id: str) -> Json:
        """Revoke a key; the service refuses it (401) from the next request on."""
        return self._http.json("DELETE", f"/api/keys/{key_id}")


def _spec_body(spec: Spec) -> Union[Json, str]:
    if isinstance(spec, str):
        return spec
    if isinstance(spec, Mapping):
        return dict(spec)
    raise TypeError(f"a spec is a dict (or JSON text), not {type(spec).__name__}")


def _run_seconds(job: Mapping[str, Any]) -> Optional[float]:
    """Started → finished, from the job's timestamps (a job that finished before ``wait`` began still shows its real time)."""
    if not job.get("startedAt") or not job.get("finishedAt"):
        return None
    try:
        started, finished = (dt.datetime.fromisoformat(job[k]) for k in ("startedAt", "finishedAt"))
    except ValueError:  # before Python 3.11, fromisoformat takes only 3 or 6 fractional digits
        return None
    return (finished - started).total_seconds()


def _iso(value: Union[str, dt.date, dt.datetime, None]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.isoformat()
    return value.isoformat()
