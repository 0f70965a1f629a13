"""Per-caller limits: a call rate (token bucket) and a cap on calls in progress, per caller.

A caller is the NAME of its token when the server checks tokens (service/auth.py), else its
peer address without the port (a client that reconnects is still the same caller). A call over
either limit is refused RESOURCE_EXHAUSTED before its handler runs, with a google.rpc RetryInfo
detail saying when a retry can succeed (errors.py attaches it). A SummarizeStream counts as one
call: its items in flight are bounded by the servicer's window. Health checks are never limited.
Everything here runs on the event loop, so plain dicts and counters are race-free.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import grpc
from tidings.models.base import Overloaded
from tidings.service.auth import TokenFile, bearer
from tidings.service.config import Settings
from tidings.service.errors import abort
from tidings.service.handlers import rewrap
from tidings.v1 import tidings_pb2

log = logging.getLogger("tidings.limits")

# A call refused for the concurrency cap cannot know when one of the caller's calls ends: this
# hint is short enough to catch the slot soon and long enough not to spin.
CONCURRENCY_RETRY_S = 0.25
# Above this many callers remembered, idle ones (full bucket, nothing in progress) are dropped,
# so addresses that called once cannot grow the table without bound.
PRUNE_ABOVE = 1024
# Only Tidings' own methods are limited: health probes and reflection stay open.
LIMITED_PREFIX = "/" + tidings_pb2.DESCRIPTOR.services_by_name["Tidings"].full_name + "/"


class Throttled(Overloaded):
    """RESOURCE_EXHAUSTED for one caller, with the seconds after which a retry may succeed."""


@dataclass
class _Caller:
    tokens: float
    stamp: float
    in_progress: int = 0


class CallerLimits:
    """The rate and concurrency book of every caller. ``rate`` calls per second with bursts of
    ``burst`` (0: rate off), at most ``max_calls`` in progress (0: off)."""

    def __init__(
        self,
        rate: float,
        burst: int,
        max_calls: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst if burst > 0 else max(1, math.ceil(rate))
        self.max_calls = max_calls
        self.clock = clock
        self.callers: dict[str, _Caller] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> CallerLimits | None:
        if settings.rate_per_caller <= 0 and settings.max_calls_per_caller <= 0:
            return None
        return cls(
            settings.rate_per_caller, settings.burst_per_caller, settings.max_calls_per_caller
        )

    def _caller(self, key: str, now: float) -> _Caller:
        state = self.callers.get(key)
        if state is None:
            if len(self.callers) >= PRUNE_ABOVE:
                self._prune(now)
            state = self.callers[key] = _Caller(float(self.burst), now)
        elif self.rate > 0:
            state.tokens = min(self.burst, state.tokens + (now - state.stamp) * self.rate)
            state.stamp = now
        return state

    def _prune(self, now: float) -> None:
        for key, state in list(self.callers.items()):
            full = self.rate <= 0 or state.tokens + (now - state.stamp) * self.rate >= self.burst
            if full and state.in_progress == 0:
                del self.callers[key]

    def acquire(self, key: str) -> None:
        """Count a call in, or raise Throttled (nothing counted) with the wait before a retry."""
        now = self.clock()
        state = self._caller(key, now)
        if self.max_calls > 0 and state.in_progress >= self.max_calls:
            raise Throttled(
                f"too many calls in progress for this caller ({state.in_progress}, the limit "
                f"is {self.max_calls}); retry when one has finished",
                CONCURRENCY_RETRY_S,
            )
        if self.rate > 0:
            if state.tokens < 1.0:
                wait = (1.0 - state.tokens) / self.rate
                raise Throttled(
                    f"call rate over this caller's limit ({self.rate:g}/s, bursts of "
                    f"{self.burst}); retry in {wait:.2f} s",
                    wait,
                )
            state.tokens -= 1.0
        state.in_progress += 1

    def release(self, key: str) -> None:
        state = self.callers.get(key)
        if state is not None and state.in_progress > 0:
            state.in_progress -= 1


def peer_key(peer: str) -> str:
    """'ipv4:127.0.0.1:5051' -> 'ipv4:127.0.0.1', 'ipv6:[::1]:5051' -> 'ipv6:[::1]'; a unix
    socket peer has no port and stays as it is."""
    if peer.startswith(("ipv4:", "ipv6:")):
        return peer.rsplit(":", 1)[0]
    return peer


class LimitInterceptor(grpc.aio.ServerInterceptor):
    """Wraps each handler so the caller is known (the peer is only on the call's context) and
    the call is counted in before its handler runs and out when it ends, however it ends."""

    def __init__(self, limits: CallerLimits, tokens: TokenFile | None = None) -> None:
        self.limits = limits
        self.tokens = tokens

    def _key(self, metadata: Any, context: grpc.aio.ServicerContext) -> str:
        if self.tokens is not None:
            token, _ = bearer(metadata)
            name = self.tokens.caller(token) if token is not None else None
            if name is not None:  # the auth interceptor has refused every other call
                return f"token:{name}"
        return peer_key(context.peer() or "unknown")

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is None or not details.method.startswith(LIMITED_PREFIX):
            return handler
        return _limited(handler, self, details)


async def _refuse(context: grpc.aio.ServicerContext, key: str, method: str, exc: Throttled) -> None:
    log.warning(
        "caller limited",
        extra={
            "caller": key,
            "method": method,
            "reason": str(exc),
            "retry_after_s": exc.retry_after,
        },
    )
    await abort(context, exc)


def _limited(handler: grpc.RpcMethodHandler, owner: LimitInterceptor, details: Any):
    limits, method, metadata = owner.limits, details.method, details.invocation_metadata

    async def admit(context: grpc.aio.ServicerContext) -> str:
        """The caller's key once a slot is taken; a refused call ends in _refuse."""
        key = owner._key(metadata, context)
        try:
            limits.acquire(key)
        except Throttled as exc:
            await _refuse(context, key, method, exc)
        return key

    def wrap_unary(behaviour):
        async def unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
            key = await admit(context)
            try:
                return await behaviour(request, context)
            finally:
                limits.release(key)

        return unary

    def wrap_stream(behaviour):
        async def streaming(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            key = await admit(context)
            try:
                async for item in behaviour(request, context):
                    yield item
            finally:
                limits.release(key)

        return streaming

    return rewrap(handler, wrap_unary, wrap_stream)
