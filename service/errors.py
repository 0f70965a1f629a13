"""The one place that picks gRPC status codes.

Domain code raises the exceptions of tidings.models.base; servicer methods wear one decorator
that turns them into statuses. Anything unexpected is INTERNAL with a message that leaks no
internals; the traceback goes to the log with an id the caller can quote.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import grpc
from tidings.models.base import EngineError, InvalidInput, NotReady, Overloaded, Unsupported

log = logging.getLogger("tidings.errors")

_CODES: dict[type[EngineError], grpc.StatusCode] = {
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    Unsupported: grpc.StatusCode.INVALID_ARGUMENT,
    NotReady: grpc.StatusCode.UNAVAILABLE,
    Overloaded: grpc.StatusCode.RESOURCE_EXHAUSTED,
}


def status_for(exc: BaseException) -> tuple[grpc.StatusCode, str]:
    """The status and the caller-facing message for an exception."""
    for kind, code in _CODES.items():
        if isinstance(exc, kind):
            return code, str(exc)
    incident = uuid.uuid4().hex[:12]
    log.error("internal error", extra={"incident": incident}, exc_info=exc)
    return grpc.StatusCode.INTERNAL, f"internal error (incident {incident}); the server logged it"


R = TypeVar("R")


def grpc_errors(
    method: Callable[..., Awaitable[R]],
) -> Callable[..., Awaitable[R]]:
    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> R:
        try:
            return await method(self, request, context)
        except grpc.aio.AbortError:
            raise
        except Exception as exc:  # noqa: BLE001 - the caller must get a status, not a hang
            code, message = status_for(exc)
            await context.abort(code, message)
        raise AssertionError("unreachable: abort raises")

    return wrapper


def grpc_stream_errors(
    method: Callable[..., AsyncIterator[R]],
) -> Callable[..., AsyncIterator[R]]:
    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext):
        try:
            async for item in method(self, request, context):
                yield item
        except grpc.aio.AbortError:
            raise
        except Exception as exc:  # noqa: BLE001
            code, message = status_for(exc)
            await context.abort(code, message)

    return wrapper
