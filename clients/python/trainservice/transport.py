"""HTTP with the service: auth header, JSON, ProblemDetails → exceptions, retries with backoff."""
from __future__ import annotations

import email.utils
import json as jsonlib
import random
import time
from typing import Any, Mapping

import requests

from . import __version__
from .errors import TrainServiceError, error_for

# Statuses that mean "not now" rather than "no": the request can be sent again unchanged.
RETRY_STATUSES = frozenset({429, 502, 503, 504})


class ServiceConnectionError(TrainServiceError, ConnectionError):
    """The service could not be reached, after every retry."""


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either delta-seconds ("5") or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Transport:
    """One ``requests.Session`` per client. Every request is retried on 429/502/503/504 and on
    connection failures, ``max_retries`` times, waiting what Retry-After asks (capped at
    ``max_retry_after``) or else ``backoff · 2^attempt`` seconds with jitter, capped at ``max_backoff``."""

    def __init__(self, base_url: str, api_key: str | None, *, timeout: float, max_retries: int,
                 backoff: float, max_backoff: float, max_retry_after: float,
                 session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries, self.backoff, self.max_backoff = max_retries, backoff, max_backoff
        self.max_retry_after = max_retry_after
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"trainservice-python/{__version__}"
        if api_key:
            self.session.headers["Authorization"] = f"Bearer {api_key}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
                data: Any = None, files: Any = None, headers: Mapping[str, str] | None = None,
                stream: bool = False, timeout: Any = None, spec: bool = False) -> requests.Response:
        """Send, retrying what may be retried; return a 2xx response or raise the matching ApiError."""
        url = self.url(path)
        body, send_headers = data, dict(headers or {})
        if json is not None:
            # Raw JSON text is sent as is (a caller may want the service to see duplicate keys).
            body = json if isinstance(json, (str, bytes)) else jsonlib.dumps(json)
            send_headers["Content-Type"] = "application/json"
        attempt = 0
        while True:
            if files is not None:
                for item in _file_objects(files):
                    item.seek(0)  # a retried upload must send the whole file again
            try:
                response = self.session.request(method, url, params=_clean(params), data=body, files=files,
                                                headers=send_headers, stream=stream,
                                                timeout=timeout if timeout is not None else self.timeout)
            except (requests.ConnectionError, requests.exceptions.ConnectTimeout) as failure:
                if attempt >= self.max_retries:
                    raise ServiceConnectionError(f"{method} {url}: {failure}") from failure
                self._sleep(self._backoff(attempt))
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.max_retries:
                wait = parse_retry_after(response.headers.get("Retry-After"))
                response.close()
                self._sleep(min(wait, self.max_retry_after) if wait is not None else self._backoff(attempt))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise error_for(response.status_code, _problem(response), spec=spec, method=method, url=url,
                                headers=response.headers)
            return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        return response.json() if response.content else None

    def _backoff(self, attempt: int) -> float:
        return min(self.max_backoff, self.backoff * 2 ** attempt) * random.uniform(0.5, 1.0)

    @staticmethod
    def _sleep(seconds: float) -> None:
        time.sleep(seconds)


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        problem = response.json()
        if isinstance(problem, dict):
            return problem
    except ValueError:
        pass
    return {"title": response.reason or f"HTTP {response.status_code}", "detail": response.text[:2000] or None}


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Drop unset query parameters; booleans as the service spells them."""
    if params is None:
        return None
    return {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in params.items() if v is not None}


def _file_objects(files: Any):
    for value in (files.values() if isinstance(files, Mapping) else [v for _, v in files]):
        handle = value[1] if isinstance(value, tuple) else value
        if hasattr(handle, "seek"):
            yield handle
