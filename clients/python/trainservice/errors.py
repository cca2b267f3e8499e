"""Exceptions: every error answer of the API becomes one of these, carrying its ProblemDetails."""
from __future__ import annotations

from typing import Any, Mapping


class TrainServiceError(Exception):
    """Base class of everything this package raises on purpose."""


class ApiError(TrainServiceError):
    """The service answered with an error status; ``problem`` is its ProblemDetails document.

    ``errors`` maps a JSON path (``$.optimizer.lr``) or a parameter name (``pageSize``) to its
    messages; it is empty when the problem names no field.
    """

    def __init__(self, status: int, problem: Mapping[str, Any] | None, *, method: str = "", url: str = "",
                 headers: Mapping[str, str] | None = None):
        self.status = status
        self.problem: dict[str, Any] = dict(problem or {})
        self.title: str = self.problem.get("title") or f"HTTP {status}"
        self.detail: str | None = self.problem.get("detail")
        raw_errors = self.problem.get("errors") or {}
        self.errors: dict[str, list[str]] = {path: list(messages) for path, messages in raw_errors.items()}
        self.method, self.url = method, url
        self.headers: dict[str, str] = dict(headers or {})
        super().__init__(self._message())

    @property
    def paths(self) -> list[str]:
        """The JSON paths (or parameter names) the problem names, in the order the service gave them."""
        return list(self.errors)

    def _message(self) -> str:
        lines = [f"{self.status} {self.title}" + (f" ({self.method} {self.url})" if self.url else "")]
        if self.detail:
            lines.append(self.detail)
        for path, messages in self.errors.items():
            lines.extend(f"  {path}: {message}" for message in messages)
        return "\n".join(lines)


class BadRequestError(ApiError):
    """400: the request was malformed or invalid."""


class SpecValidationError(BadRequestError):
    """400 on a spec (``submit`` or ``validate``): ``errors`` holds every problem, keyed by JSON path."""


class NotFoundError(ApiError):
    """404: no such job, checkpoint, dataset or plot kind."""


class ConflictError(ApiError):
    """409: the request does not fit the job's state (a plot of a job without diagnostics, cancel of a finished job)."""


class IdempotencyKeyReusedError(ApiError):
    """422: the Idempotency-Key was already used with a different spec."""


class RateLimitedError(ApiError):
    """429: the queue is full. ``retry_after`` is the wait the service asked for, in seconds."""

    @property
    def retry_after(self) -> float | None:
        from .transport import parse_retry_after
        return parse_retry_after(self.headers.get("Retry-After"))


class ServiceUnavailableError(ApiError):
    """503: the service is up but cannot serve now."""


class WaitTimeoutError(TrainServiceError, TimeoutError):
    """``wait`` gave up before the job reached a final state; ``job`` is the last state seen."""

    def __init__(self, job_id: str, timeout: float, job: Mapping[str, Any] | None):
        self.job_id, self.timeout = job_id, timeout
        self.job = dict(job) if job is not None else None
        status = self.job["status"] if self.job else "unknown"
        super().__init__(f"job {job_id} is still {status} after {timeout:g} s")


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    404: NotFoundError,
    409: ConflictError,
    422: IdempotencyKeyReusedError,
    429: RateLimitedError,
    503: ServiceUnavailableError,
}


def error_for(status: int, problem: Mapping[str, Any] | None, *, spec: bool = False, **context: Any) -> ApiError:
    """The exception type for a status; a 400 on a spec becomes a SpecValidationError."""
    cls = SpecValidationError if spec and status == 400 else _BY_STATUS.get(status, ApiError)
    return cls(status, problem, **context)
