"""Prometheus metrics of one server, on their own HTTP listener (``metrics_port``).

Every series is observed in the server process: the pipeline runs in worker processes, so each
call's stage timings are recorded there (``recording``/``stage``, standard library only) and
travel back with the call's answer, to be observed here (``Metrics.observe_stages``). One
registry per server, not the process-global one: tests run several servers in one process.

Names (README "Metrics"): tidings_calls_total{method,code}, tidings_call_seconds{method},
tidings_calls_in_flight, tidings_stage_seconds{stage}, tidings_queue_wait_seconds,
tidings_call_items{method}, tidings_engine_load_seconds, tidings_engines_info,
tidings_caller_calls_total{caller} (with auth_tokens_file).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info
from tidings.service.handlers import rewrap
from tidings.service.interrupt import check

# The pipeline's steps, in the order a Summarize call runs them.
STAGES = ("detect", "segment", "attribute", "rank", "align", "translate")
# Seconds: a cached detection takes a millisecond, a neural summary on CPU tens of seconds.
_SECONDS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
_ITEMS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
SERVICE_PREFIX = "/tidings.v1.Tidings/"

# -- stage timings, in whichever process runs the pipeline -----------------------------------

_local = threading.local()


@contextlib.contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Collect the seconds each stage takes in this thread, for one call."""
    timings: dict[str, float] = {}
    _local.timings = timings
    try:
        yield timings
    finally:
        _local.timings = None


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time one pipeline step; a step run twice in a call (translate per target) adds up.
    A step boundary: the step does not begin for a caller who has gone (interrupt.check)."""
    check(name)
    timings = getattr(_local, "timings", None)
    if timings is None:
        yield  # not inside a recorded call (a script using the pipeline directly)
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


# -- the server's metrics -----------------------------------------------------------------------


class Metrics:
    def __init__(self) -> None:
        self.registry = r = CollectorRegistry()
        self.calls = Counter(
            "tidings_calls",
            "Tidings RPCs answered, by method and status code",
            ["method", "code"],
            registry=r,
        )
        self.latency = Histogram(
            "tidings_call_seconds",
            "Tidings RPC latency in seconds, by method",
            ["method"],
            buckets=_SECONDS,
            registry=r,
        )
        self.in_flight = Gauge(
            "tidings_calls_in_flight", "Tidings RPCs in progress now", registry=r
        )
        self.stages = Histogram(
            "tidings_stage_seconds",
            "Seconds one call spent in a pipeline stage (in a model worker)",
            ["stage"],
            buckets=_SECONDS,
            registry=r,
        )
        for name in STAGES:  # every stage has a series from the start, at zero
            self.stages.labels(name)
        self.queue_wait = Histogram(
            "tidings_queue_wait_seconds",
            "Seconds from a model call's arrival until a worker starts it",
            buckets=_SECONDS,
            registry=r,
        )
        self.items = Histogram(
            "tidings_call_items",
            "Items one call carried: texts per Translate call, articles per SummarizeStream "
            "stream (Tidings has no cross-call batcher; the encoder batches within a call)",
            ["method"],
            buckets=_ITEMS,
            registry=r,
        )
        self.load_seconds = Gauge(
            "tidings_engine_load_seconds",
            "Seconds the model loader took to build every engine at start-up",
            registry=r,
        )
        self.callers = Counter(
            "tidings_caller_calls",
            "Tidings RPCs let in by a token, by the token's name in auth_tokens_file",
            ["caller"],
            registry=r,
        )
        self.engines = Info(
            "tidings_engines", "The profile and the engine serving each role", registry=r
        )

    def observe_stages(self, timings: dict[str, float]) -> None:
        for name, seconds in timings.items():
            self.stages.labels(name).observe(seconds)

    def observe_items(self, method: str, count: int) -> None:
        self.items.labels(method).observe(count)

    def loaded(self, catalog: Any) -> None:
        """The engines a load reported (runtime.Catalog): info and load seconds."""
        roles: dict[str, list[str]] = {}
        for info in catalog.engines:
            roles.setdefault(info.role, []).append(info.name)
        self.engines.info(
            {"profile": catalog.profile, **{k: ",".join(v) for k, v in sorted(roles.items())}}
        )
        self.load_seconds.set(catalog.load_seconds)

    def serve_http(self, port: int, host: str = "") -> Callable[[], None]:
        """Start the /metrics listener (a thread); returns what stops it."""
        from prometheus_client import start_http_server

        addr = host.strip("[]") or "0.0.0.0"
        server, thread = start_http_server(port, addr=addr, registry=self.registry)

        def stop() -> None:
            server.shutdown()
            server.server_close()
            thread.join(5)

        return stop

    @contextlib.contextmanager
    def track(self, method: str, context: grpc.aio.ServicerContext) -> Iterator[None]:
        """Count one RPC, time it and hold it in the in-flight gauge while it runs."""
        started = time.perf_counter()
        self.in_flight.inc()
        code = grpc.StatusCode.UNKNOWN  # what gRPC sends for an exception nobody mapped
        try:
            yield
            code = context.code() or grpc.StatusCode.OK
        except grpc.aio.AbortError:
            code = context.code() or grpc.StatusCode.UNKNOWN
            raise
        except (asyncio.CancelledError, GeneratorExit):
            code = grpc.StatusCode.CANCELLED  # the caller went (deadline, cancel)
            raise
        finally:
            self.in_flight.dec()
            self.calls.labels(method, _name(code)).inc()
            self.latency.labels(method).observe(time.perf_counter() - started)


def _name(code: Any) -> str:
    # context.code() is a grpc.StatusCode, or an int where a status was set by number.
    if isinstance(code, grpc.StatusCode):
        return code.name
    return next((c.name for c in grpc.StatusCode if c.value[0] == code), str(code))


class MetricsInterceptor(grpc.aio.ServerInterceptor):
    """Wraps every Tidings method (not health or reflection) in ``Metrics.track``."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is None or not details.method.startswith(SERVICE_PREFIX):
            return handler
        method = details.method[len(SERVICE_PREFIX) :]
        track = self.metrics.track

        def unary(inner: Callable[..., Any]):
            async def wrapped(request: Any, context: Any) -> Any:
                with track(method, context):
                    return await inner(request, context)

            return wrapped

        def streaming(inner: Callable[..., AsyncIterator[Any]]):
            async def wrapped(request: Any, context: Any) -> AsyncIterator[Any]:
                with track(method, context):
                    async for response in inner(request, context):
                        yield response

            return wrapped

        return rewrap(handler, unary, streaming)
