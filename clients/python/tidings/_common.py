"""What Client and AsyncClient share: the error type, request building, the health codec,
retry timing. Needs only grpcio and protobuf: nothing here may import the server."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2, status_pb2

from tidings.v1 import tidings_pb2 as pb

DEFAULT_TARGET = "localhost:50051"
HEALTH_CHECK_METHOD = "/grpc.health.v1.Health/Check"
# Where gRPC carries a google.rpc.Status with details (grpcio-status writes the same key).
STATUS_DETAILS_KEY = "grpc-status-details-bin"

# gRPC's default reconnect backoff grows to two minutes, so a client that saw the server down
# once would notice it coming back very late: wait_until_serving would oversleep.
CHANNEL_OPTIONS: list[tuple[str, Any]] = [
    ("grpc.initial_reconnect_backoff_ms", 200),
    ("grpc.max_reconnect_backoff_ms", 2000),
]
MAX_BACKOFF_S = 5.0

StreamBody: TypeAlias = "pb.SummarizeRequest | Mapping[str, Any] | str"
StreamItem: TypeAlias = "tuple[str, StreamBody]"

_CODES_BY_VALUE = {code.value[0]: code for code in grpc.StatusCode}


class TidingsError(Exception):
    """Every failed call: the gRPC status code and the server's message. For INVALID_ARGUMENT,
    ``field_violations`` lists (field, description) pairs from the status's google.rpc
    BadRequest detail, e.g. [("article.text", "article.text is empty: ...")]."""

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        field_violations: Iterable[tuple[str, str]] = (),
        retry_after: float | None = None,
    ) -> None:
        # Code and message go to Exception so that the error pickles and compares by its args
        # (field_violations travels in __dict__ when pickled).
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.field_violations: list[tuple[str, str]] = list(field_violations)
        # Seconds the server asked the caller to wait before a retry (its RetryInfo detail, sent
        # with RESOURCE_EXHAUSTED by per-caller limits); None when it gave no hint.
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}" if self.message else self.code.name

    def __repr__(self) -> str:
        return f"TidingsError({self.code}, {self.message!r})"

    @classmethod
    def from_rpc_error(cls, err: grpc.RpcError) -> TidingsError:
        # Not every RpcError is a Call (e.g. one raised by an interceptor), hence the getattr.
        code_fn = getattr(err, "code", None)
        details_fn = getattr(err, "details", None)
        code = code_fn() if callable(code_fn) else None
        details = details_fn() if callable(details_fn) else None
        if not isinstance(code, grpc.StatusCode):
            code = grpc.StatusCode.UNKNOWN
        return cls(code, details or "", _field_violations(err), retry_after(err))

    @classmethod
    def from_proto(cls, error: pb.Error) -> TidingsError:
        """The error of one failed item in a SummarizeStream response."""
        return cls(_CODES_BY_VALUE.get(error.code, grpc.StatusCode.UNKNOWN), error.message)


def _details(err: grpc.RpcError) -> list[Any]:
    """The google.rpc.Status details of an error (trailing metadata grpc-status-details-bin),
    for sync and grpc.aio errors alike."""
    metadata_fn = getattr(err, "trailing_metadata", None)
    metadata = metadata_fn() if callable(metadata_fn) else None
    details: list[Any] = []
    for key, value in metadata or ():
        if key != STATUS_DETAILS_KEY:
            continue
        try:
            details += status_pb2.Status.FromString(value).details
        except DecodeError:
            return []  # a malformed detail must not hide the status itself
    return details


def _field_violations(err: grpc.RpcError) -> list[tuple[str, str]]:
    """The BadRequest field violations in a status's details."""
    violations: list[tuple[str, str]] = []
    for detail in _details(err):
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations += [(v.field, v.description) for v in bad.field_violations]
    return violations


def retry_after(err: grpc.RpcError) -> float | None:
    """Seconds from the status's RetryInfo detail, None without one."""
    for detail in _details(err):
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            return info.retry_delay.ToNanoseconds() / 1e9
    return None


class InvalidSetting(TidingsError, ValueError):
    """A bad argument caught by the client before any call: INVALID_ARGUMENT, like the server
    would answer. Also a ValueError, so code written against earlier clients still catches it."""

    def __init__(self, message: str) -> None:
        super().__init__(grpc.StatusCode.INVALID_ARGUMENT, message)


def check_timeout(timeout: float | None) -> None:
    """A call's own timeout: None means the client's; zero or less would only ever fail with
    DEADLINE_EXCEEDED before sending anything, so it is refused as a mistake."""
    if timeout is not None and not timeout > 0:
        raise InvalidSetting(
            f"timeout must be > 0 seconds, got {timeout} (None uses the client's timeout)"
        )


def status_code(err: grpc.RpcError) -> grpc.StatusCode | None:
    code_fn = getattr(err, "code", None)
    return code_fn() if callable(code_fn) else None


def _as_list(values: Iterable[str] | str, what: str) -> list[str]:
    # A lone str is iterable too: without this, "fr" would become ["f", "r"].
    if isinstance(values, str):
        return [values]
    items = list(values)
    for value in items:
        if not isinstance(value, str):
            raise TypeError(f"{what} must be strings, got {type(value).__name__}")
    return items


def summarize_request(
    text: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    language: str | None = None,
    target_languages: Iterable[str] | str = (),
    max_sentences: int = 0,
) -> pb.SummarizeRequest:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if isinstance(max_sentences, bool) or not isinstance(max_sentences, int):
        raise TypeError(f"max_sentences must be an int, got {type(max_sentences).__name__}")
    if max_sentences < 0:
        # The proto field is unsigned: protobuf itself would raise a bare ValueError.
        raise InvalidSetting(
            f"max_sentences must be 1 to 4, or 0 for the server's default; got {max_sentences}"
        )
    article = pb.Article(text=text)
    # Optional fields are set only when given: an empty string would still count as present.
    for name, value in (
        ("title", title),
        ("publisher", publisher),
        ("url", url),
        ("language", language),
    ):
        if value is not None:
            setattr(article, name, value)
    return pb.SummarizeRequest(
        article=article,
        target_languages=_as_list(target_languages, "target_languages"),
        max_sentences=max_sentences,
    )


def stream_request(item: StreamItem) -> pb.SummarizeStreamRequest:
    """One (id, body) item: body is a SummarizeRequest, summarize()'s keyword arguments as a
    dict, a SummarizeRequest in JSON form (a dict with "article"), or just the article text."""
    try:
        item_id, body = item
    except (TypeError, ValueError):
        raise TypeError(f"summarize_many items are (id, request) pairs, got {item!r:.80}") from None
    if not isinstance(item_id, str):
        raise TypeError(f"summarize_many ids must be str, got {type(item_id).__name__}")
    if isinstance(body, pb.SummarizeRequest):
        request = body
    elif isinstance(body, str):
        request = summarize_request(body)
    elif isinstance(body, Mapping):
        if "article" in body:
            request = json_format.ParseDict(body, pb.SummarizeRequest())
        else:
            request = summarize_request(**body)
    else:
        raise TypeError(
            f"item {item_id!r}: expected a SummarizeRequest, dict or str, got {type(body).__name__}"
        )
    return pb.SummarizeStreamRequest(id=item_id, request=request)


def translate_request(
    texts: Iterable[str] | str, target_language: str, source_language: str | None
) -> pb.TranslateRequest:
    request = pb.TranslateRequest(texts=_as_list(texts, "texts"), target_language=target_language)
    if source_language is not None:
        request.source_language = source_language
    return request


def attributions_request(text: str, language: str | None) -> pb.ExtractAttributionsRequest:
    request = pb.ExtractAttributionsRequest(text=text)
    if language is not None:
        request.language = language
    return request


def _health_messages() -> tuple[type, type, dict[int, str]]:
    # grpc_health ships these classes, but it is a server-side package; the client builds them
    # from a tiny descriptor instead, in its own pool so that it never clashes with grpc_health
    # when both are loaded in one process.
    fdp = descriptor_pb2.FileDescriptorProto(
        name="tidings/_client_health.proto", package="grpc.health.v1", syntax="proto3"
    )
    f = descriptor_pb2.FieldDescriptorProto
    request = fdp.message_type.add(name="HealthCheckRequest")
    request.field.add(name="service", number=1, type=f.TYPE_STRING, label=f.LABEL_OPTIONAL)
    response = fdp.message_type.add(name="HealthCheckResponse")
    enum = response.enum_type.add(name="ServingStatus")
    names = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}
    for number, name in names.items():
        enum.value.add(name=name, number=number)
    response.field.add(
        name="status",
        number=1,
        type=f.TYPE_ENUM,
        label=f.LABEL_OPTIONAL,
        type_name=".grpc.health.v1.HealthCheckResponse.ServingStatus",
    )
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    return (
        message_factory.GetMessageClass(
            pool.FindMessageTypeByName("grpc.health.v1.HealthCheckRequest")
        ),
        message_factory.GetMessageClass(
            pool.FindMessageTypeByName("grpc.health.v1.HealthCheckResponse")
        ),
        names,
    )


HealthCheckRequest, HealthCheckResponse, _STATUS_NAMES = _health_messages()


def health_request(service: str) -> bytes:
    return HealthCheckRequest(service=service).SerializeToString()


def health_status(response: bytes) -> str:
    status = HealthCheckResponse.FromString(response).status
    return _STATUS_NAMES.get(status, f"UNKNOWN({status})")


def backoff_delay(base: float, attempt: int) -> float:
    """Sleep before retry number attempt+1. Jittered so that clients refused together (a
    restarting server) do not come back in lockstep."""
    return min(base * (2**attempt), MAX_BACKOFF_S) * random.uniform(0.5, 1.0)


def retry_delay(
    code: grpc.StatusCode | None, hint: float | None, base: float, attempt: int
) -> float | None:
    """Seconds to sleep before retrying a call that failed with ``code``, None when it must not
    be retried. UNAVAILABLE: jittered backoff. RESOURCE_EXHAUSTED with a RetryInfo ``hint``
    (a per-caller limit): never sooner than the hint, spread up to half again later so that
    callers refused together do not return together. Any other status is final."""
    if code is grpc.StatusCode.UNAVAILABLE:
        return backoff_delay(base, attempt)
    if code is grpc.StatusCode.RESOURCE_EXHAUSTED and hint is not None:
        return max(hint, backoff_delay(base, attempt)) * random.uniform(1.0, 1.5)
    return None


def check_settings(timeout: float, retries: int, backoff: float) -> None:
    if timeout is None or not timeout > 0:
        raise InvalidSetting(f"timeout must be > 0 seconds, got {timeout}")
    if retries < 0:
        raise InvalidSetting(f"retries must be >= 0, got {retries}")
    if backoff < 0:
        raise InvalidSetting(f"backoff must be >= 0 seconds, got {backoff}")
