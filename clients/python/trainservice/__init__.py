"""Python client of TrainService: submit training specs, follow jobs, read metrics, diagnostics
and plots, predict. Depends only on ``requests``; pandas is used when asked for (``as_frame=True``)."""
__version__ = "0.1.0"

from . import specs  # noqa: E402
from .client import FINAL_STATUSES, Page, TrainClient  # noqa: E402
from .errors import (  # noqa: E402
    ApiError, BadRequestError, ConflictError, IdempotencyKeyReusedError, NotFoundError, RateLimitedError,
    ServiceUnavailableError, SpecValidationError, TrainServiceError, WaitTimeoutError,
)
from .plots import Plot, side_by_side  # noqa: E402
from .specs import adam, mlp, sgd, training_spec, xor  # noqa: E402
from .sse import Event  # noqa: E402
from .transport import ServiceConnectionError  # noqa: E402

__all__ = [
    "TrainClient", "Page", "FINAL_STATUSES", "Event", "Plot", "side_by_side", "specs",
    "adam", "sgd", "mlp", "xor", "training_spec",
    "TrainServiceError", "ApiError", "BadRequestError", "SpecValidationError", "NotFoundError", "ConflictError",
    "IdempotencyKeyReusedError", "RateLimitedError", "ServiceUnavailableError", "ServiceConnectionError",
    "WaitTimeoutError",
]
