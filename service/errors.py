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
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status
from tidings.models.base import EngineError, InvalidInput, NotReady, Overloaded, Unsupported
from tidings.service.interrupt import CallCancelled, DeadlinePassed, ServerStopping
from tidings.service.validation import field_of

log = logging.getLogger("tidings.errors")

_CODES: dict[type[EngineError], grpc.StatusCode] = {
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    Unsupported: grpc.StatusCode.INVALID_ARGUMENT,
    NotReady: grpc.StatusCode.UNAVAILABLE,
    Overloaded: grpc.StatusCode.RESOURCE_EXHAUSTED,
    DeadlinePassed: grpc.StatusCode.DEADLINE_EXCEEDED,
    CallCancelled: grpc.StatusCode.CANCELLED,
    ServerStopping: grpc.StatusCode.UNAVAILABLE,
}


def status_for(exc: BaseException) -> tuple[grpc.StatusCode, str]:
    """The status and the caller-facing message for an exception."""
    for kind, code in _CODES.items():
        if isinstance(exc, kind):
            return code, str(exc)
    incident = uuid.uuid4().hex[:12]
    log.error("internal error", extra={"incident": incident}, exc_info=exc)
    return grpc.StatusCode.INTERNAL, f"internal error (incident {incident}); the server logged it"


def status_details(
    exc: BaseException, code: grpc.StatusCode, message: str, request: Any = None
) -> tuple[tuple[str, bytes], ...]:
    """Trailing metadata carrying a google.rpc.Status with the details a client can act on: a
    BadRequest naming the field of an INVALID_ARGUMENT (validation marks the field on the
    error), a RetryInfo on a RESOURCE_EXHAUSTED that knows when a retry can succeed (the
    per-caller limits of limits.py set ``retry_after``); () when there is neither."""
    details: list[any_pb2.Any] = []
    field = field_of(exc)
    if code is grpc.StatusCode.INVALID_ARGUMENT and field:
        violation = error_details_pb2.BadRequest.FieldViolation(
            field=_as_in(request, field), description=message
        )
        details.append(_packed(error_details_pb2.BadRequest(field_violations=[violation])))
    retry_after = getattr(exc, "retry_after", None)
    if code is grpc.StatusCode.RESOURCE_EXHAUSTED and retry_after is not None:
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(max(1, int(retry_after * 1e9)))
        details.append(_packed(error_details_pb2.RetryInfo(retry_delay=delay)))
    if not details:
        return ()
    status = status_pb2.Status(code=code.value[0], message=message, details=details)
    return tuple(rpc_status.to_status(status).trailing_metadata)


def _packed(message: Any) -> any_pb2.Any:
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


def _as_in(request: Any, field: str) -> str:
    """The field as the request spells it: validation says target_languages (Summarize), which
    a TranslateRequest calls target_language."""
    names = getattr(getattr(request, "DESCRIPTOR", None), "fields_by_name", None)
    head, sep, rest = field.partition(".")
    if names is None or head in names or not head.endswith("s") or head[:-1] not in names:
        return field
    return head[:-1] + sep + rest


async def abort(context: grpc.aio.ServicerContext, exc: BaseException, request: Any = None) -> None:
    """End the call with the status for exc (and its BadRequest or RetryInfo detail)."""
    code, message = status_for(exc)
    await context.abort(
        code, message, trailing_metadata=status_details(exc, code, message, request)
    )


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
            await abort(context, exc, request)
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
            await abort(context, exc)

    return wrapper
