"""Bearer tokens: who may call, checked by a server interceptor before any handler runs.

The tokens file (setting ``auth_tokens_file``) has one ``NAME:SHA256HEX`` line per caller, the
hex SHA-256 of the caller's token, so the file itself holds no secret a reader could replay;
``#`` starts a comment. Calls carry ``authorization: Bearer TOKEN``. The caller's NAME goes to
the logs and the metrics; the token never does. Health checks stay open: load balancers and
orchestrators probe without credentials.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from collections.abc import AsyncIterator, Sequence
from typing import Any

import grpc
from tidings.service.handlers import rewrap

log = logging.getLogger("tidings.auth")

OPEN_PREFIX = "/grpc.health.v1.Health/"
_LINE = re.compile(r"(?P<name>[A-Za-z0-9_.@-]+):(?P<digest>[0-9a-fA-F]{64})")
MISSING = (
    "this server needs a token: send the metadata 'authorization: Bearer TOKEN' "
    "(Client(token=...), CLI --token or TIDINGS_TOKEN)"
)
MALFORMED = "the authorization metadata must read 'Bearer TOKEN'"
UNKNOWN = "the token is not valid on this server (unknown or revoked)"


def parse_tokens(text: str, path: str) -> tuple[tuple[str, str], ...]:
    """(name, lowercase hex digest) pairs; ValueError naming the line for anything else."""
    entries: list[tuple[str, str]] = []
    names: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            # The line is not echoed: a token pasted by mistake must not reach the logs.
            raise ValueError(
                f"{path} line {number}: expected NAME:SHA256HEX (64 hex digits of the "
                'token\'s SHA-256), e.g. `printf %s "$TOKEN" | sha256sum`'
            )
        name = match["name"]
        if name in names:
            raise ValueError(f"{path} line {number}: the name {name!r} is used twice")
        names.add(name)
        entries.append((name, match["digest"].lower()))
    return tuple(entries)


class TokenFile:
    """The tokens of one file; ``reload`` (SIGHUP) swaps them in at once or keeps the old."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries = self._read()  # OSError, ValueError: the server does not start
        log.info("tokens loaded", extra={"path": path, "callers": len(self._entries)})

    def _read(self) -> tuple[tuple[str, str], ...]:
        with open(self.path, encoding="utf-8") as fh:
            return parse_tokens(fh.read(), self.path)

    def reload(self) -> bool:
        """Read the file again. A file that cannot be read or parsed leaves the tokens as they
        were (a typo must not lock every caller out), and says so in the log."""
        try:
            entries = self._read()
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            log.error("tokens not reloaded", extra={"path": self.path, "reason": str(exc)})
            return False
        with self._lock:
            self._entries = entries
        log.info("tokens reloaded", extra={"path": self.path, "callers": len(entries)})
        return True

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self._entries)

    def caller(self, token: str) -> str | None:
        """The name whose digest matches the token, else None. Every entry is compared, each
        in constant time, so the time taken tells nothing about which digest came close."""
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        found = None
        for name, expected in self._entries:
            if hmac.compare_digest(digest, expected):
                found = name
        return found


def bearer(metadata: Sequence[tuple[str, Any]] | None) -> tuple[str | None, str]:
    """(token, '') or (None, why not) from a call's invocation metadata."""
    values = [value for key, value in metadata or () if key == "authorization"]
    if not values:
        return None, MISSING
    value = values[0].decode() if isinstance(values[0], bytes) else str(values[0])
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, MALFORMED
    return token.strip(), ""


class AuthInterceptor(grpc.aio.ServerInterceptor):
    """Refuses every call without a known token UNAUTHENTICATED, health checks excepted."""

    def __init__(self, tokens: TokenFile, metrics: Any | None = None) -> None:
        self.tokens = tokens
        self.metrics = metrics

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is None or details.method.startswith(OPEN_PREFIX):
            return handler
        token, problem = bearer(details.invocation_metadata)
        name = self.tokens.caller(token) if token is not None else None
        if name is None:
            problem = problem or UNKNOWN
            log.warning("unauthenticated", extra={"method": details.method, "reason": problem})
            return _refusing(handler, problem)
        log.info("call", extra={"caller": name, "method": details.method})
        if self.metrics is not None:
            self.metrics.callers.labels(name).inc()
        return handler


def _refusing(handler: grpc.RpcMethodHandler, message: str) -> grpc.RpcMethodHandler:
    """The handler with its behaviour swapped for UNAUTHENTICATED: the request (de)serializers
    and streaming kind stay, so the call ends with the status, not a protocol error."""

    async def unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, message)

    async def streaming(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, message)
        yield  # unreachable: abort raises; the yield makes this a response stream

    return rewrap(handler, lambda _: unary, lambda _: streaming)
