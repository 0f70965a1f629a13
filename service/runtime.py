"""What one running server holds: settings, its model workers, admission, health.

Model work runs in one of two places, chosen by how the Runtime is made:

- worker processes (``await runtime.start()``, what ``serve`` does): ``settings.workers``
  spawned processes that each load the engines once (service/workers.py); the parent holds
  nothing heavy and uses every core;
- an in-process ``pipeline`` (given, or set by ``load()``), run in ``settings.workers`` threads:
  what tests use to put a loaded pipeline, or a double of one, behind a real server.

Either way the servicer calls ``runtime.call("summarize", request)``: a Pipeline method by name
with picklable arguments, answered with the method's result or its domain exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from tidings.models.base import NotReady, Overloaded
from tidings.models.registry import EngineInfo
from tidings.service import interrupt
from tidings.service.config import Settings
from tidings.service.interrupt import CallState, DeadlinePassed, Interrupted
from tidings.service.metrics import Metrics, recording
from tidings.service.pipeline import Pipeline
from tidings.service.workers import WorkerPool

log = logging.getLogger("tidings.runtime")

LOADING = "models are still loading; retry in a few seconds"
# The least retry hint a busy server gives (RetryInfo on RESOURCE_EXHAUSTED).
MIN_RETRY_S = 0.05


@dataclass(frozen=True)
class Catalog:
    """What ListLanguages reports: languages, pairs (source, target, engine, pivot), engines."""

    source_languages: tuple[str, ...]
    pairs: tuple[tuple[str, str, str, str | None], ...]
    engines: tuple[EngineInfo, ...]
    profile: str
    # How long building every engine took (tidings_engine_load_seconds).
    load_seconds: float = 0.0


def catalog(pipeline: Pipeline, load_seconds: float = 0.0) -> Catalog:
    engines = pipeline.engines
    router = engines.translators
    pairs = tuple((s, t, *router.describe_pair(s, t)) for s, t in sorted(router.pairs()))
    return Catalog(
        tuple(sorted(pipeline.source_languages)),
        pairs,
        tuple(engines.infos),
        engines.profile,
        load_seconds,
    )


def load_pipeline(settings: Settings, worker: int | None = None) -> Pipeline:
    """Build every engine the settings name (blocking)."""
    from tidings.models.registry import build_engines

    started = time.perf_counter()
    engines = build_engines(settings)
    pipeline = Pipeline(engines, settings)
    extra: dict[str, Any] = {"worker": worker} if worker is not None else {}
    log.info(
        "models loaded",
        extra={
            **extra,
            "profile": engines.profile,
            "seconds": round(time.perf_counter() - started, 2),
            "engines": ", ".join(f"{i.role}={i.name}" for i in engines.infos),
        },
    )
    return pipeline


class Runtime:
    """Owns the engines' lifetime. Calls answer UNAVAILABLE until a worker (or the in-process
    pipeline) is ready; health is SERVING only while every worker is."""

    def __init__(self, settings: Settings, health: Any, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.health = health  # grpc_health's aio HealthServicer
        self.pipeline = pipeline
        self.pool: WorkerPool | None = None
        self.executor = ThreadPoolExecutor(settings.workers, thread_name_prefix="tidings-model")
        self.in_flight = 0
        # Calls never started because their caller's deadline passed or the caller cancelled
        # while they queued for a worker (in the logs with each skip).
        self.skipped = 0
        # Calls stopped at a step boundary once running (caller gone, deadline, shutdown).
        self.stopped = 0
        self.stopping = False
        # The grace period is over: calls in progress end UNAVAILABLE (halt()).
        self.halting = False
        self._calls: set[asyncio.Task[Any]] = set()
        self._lock = threading.Lock()
        self._call_s = 1.0  # average seconds a call spends admitted (moving; retry hints)
        self.metrics = Metrics()

    def load(self) -> Pipeline:
        """Build the engines in this process (blocking: run it off the event loop)."""
        started = time.perf_counter()
        self.pipeline = load_pipeline(self.settings)
        self.metrics.loaded(catalog(self.pipeline, time.perf_counter() - started))
        return self.pipeline

    async def start(self) -> None:
        """Start ``settings.workers`` worker processes; return when every one has loaded."""
        self.pool = WorkerPool(self.settings, self.settings.workers, self._workers_changed)
        self.pool.on_stopped = self._stopped
        log.info("starting workers", extra={"workers": self.settings.workers})
        await self.pool.start()

    def _workers_changed(self, all_ready: bool) -> None:
        # A worker died (False) or one became ready (True when it was the last one missing).
        # The load metrics are set here, before health can say SERVING: a scrape that follows
        # SERVING must already see them (pool.start() returns a moment later).
        if all_ready and self.pool is not None and self.pool.catalog is not None:
            self.metrics.loaded(self.pool.catalog)
        if not self.stopping and self.health is not None:
            asyncio.get_running_loop().create_task(self.set_serving(all_ready))

    async def set_serving(self, serving: bool) -> None:
        from grpc_health.v1 import health_pb2
        from tidings.service.server import SERVICE_NAME

        serving = serving and not self.stopping and (self.pool is None or self.pool.all_ready)
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if serving
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        for name in ("", SERVICE_NAME):
            await self.health.set(name, status)

    def _ready(self) -> bool:
        return self.pipeline is not None or (self.pool is not None and self.pool.ready_count > 0)

    def catalog(self) -> Catalog:
        if self.pipeline is not None:
            return catalog(self.pipeline)
        if self.pool is not None and self.pool.catalog is not None:
            return self.pool.catalog
        raise NotReady(LOADING)

    async def call(self, method: str, *args: Any, deadline: float | None = None) -> Any:
        """``pipeline.<method>(*args)`` off the event loop: in a worker process or a thread.
        ``deadline`` (time.monotonic(), None: none) is the caller's: a call still queued when
        it passes, or whose caller cancels while it queues, never starts."""
        if not self._ready():
            raise NotReady(LOADING)
        if self.halting:
            raise interrupt.error(interrupt.STOPPING)
        arrived = time.perf_counter()
        taken = False
        state = CallState(deadline)  # the in-process run's; a worker process makes its own

        def started() -> None:  # a worker (process or thread) takes the call now
            nonlocal taken
            taken = True
            self.metrics.queue_wait.observe(time.perf_counter() - arrived)

        with self.tracked() as task:
            try:
                async with self.admit():
                    if self.pipeline is not None:
                        loop = asyncio.get_running_loop()
                        fn = getattr(self.pipeline, method)
                        run = functools.partial(self._run_here, fn, started, state)
                        return await loop.run_in_executor(self.executor, run, *args)
                    assert self.pool is not None
                    return await self.pool.call(
                        method,
                        *args,
                        on_start=started,
                        on_stages=self.metrics.observe_stages,
                        deadline=deadline,
                    )
            except DeadlinePassed:
                if not taken:  # else it stopped at a step boundary, counted by _stopped
                    self._skipped(method, interrupt.DEADLINE, arrived)
                raise
            except asyncio.CancelledError:
                # gRPC cancels the handler when its caller cancels or times out; halt() does
                # at the end of the grace period, and then the caller is told why.
                reason = interrupt.abandoned(self.halting, deadline)
                state.cancel(reason)  # a model thread stops at its next step boundary
                if not taken:
                    self._skipped(method, reason, arrived)
                if self.halted(task):
                    raise interrupt.error(interrupt.STOPPING) from None
                raise

    @contextlib.contextmanager
    def tracked(self) -> Iterator[asyncio.Task[Any]]:
        """The current task is a call in progress (a stream, between its items): shutdown
        waits for it and halt() ends it."""
        task = asyncio.current_task()
        assert task is not None
        self._calls.add(task)
        try:
            yield task
        finally:
            self._calls.discard(task)

    def halted(self, task: asyncio.Task[Any]) -> bool:
        """The CancelledError ``task`` is handling came from halt() alone, not from its
        caller: the caller is then told the server is stopping."""
        return self.halting and task.uncancel() == 0

    def halt(self) -> int:
        """The grace period is over: every call in progress ends now with UNAVAILABLE (the
        server is shutting down) and its work stops at the next step boundary; later calls
        are refused the same way. Returns how many calls were cut short."""
        self.halting = True
        if self.pool is not None:
            self.pool.halting = True
        for task in self._calls:
            task.cancel()
        return len(self._calls)

    async def wait_idle(self, timeout: float) -> bool:
        """Wait up to ``timeout`` s for the calls in progress to end; True if they did."""
        end = time.monotonic() + timeout
        while self._calls and time.monotonic() < end:
            await asyncio.sleep(0.02)
        return not self._calls

    def _stopped(self, exc: Interrupted) -> None:
        """A running call stopped at a step boundary (any thread: the counter is locked)."""
        with self._lock:
            self.stopped += 1
            total = self.stopped
        log.info(
            "call stopped at a step boundary",
            extra={
                "reason": exc.reason,
                "stage": exc.stage,
                "stopped_total": total,
            },
        )

    def _skipped(self, method: str, reason: str, arrived: float) -> None:
        self.skipped += 1
        log.info(
            "call skipped before it started",
            extra={
                "method": method,
                "reason": reason,
                "queued_ms": round((time.perf_counter() - arrived) * 1000, 1),
                "skipped_total": self.skipped,
            },
        )

    def _run_here(self, fn: Any, started: Any, state: CallState, *args: Any) -> Any:
        """In an executor thread: what a worker process does around a call."""
        if interrupt.passed(state.deadline):
            raise DeadlinePassed(interrupt.WAITED_TOO_LONG)
        if state.reason:  # cancelled before a thread took it: runtime.call counted the skip
            raise interrupt.error(state.reason)
        started()
        with recording() as stages, interrupt.running(state):
            try:
                return fn(*args)
            except Interrupted as exc:
                self._stopped(exc)
                raise
            finally:
                self.metrics.observe_stages(stages)

    @contextlib.asynccontextmanager
    async def admit(self) -> AsyncIterator[None]:
        # Runs on the event loop only, so a plain counter is race-free.
        if self.in_flight >= self.settings.max_in_flight:
            # A slot frees when the next call ends: about a call's time over the workers.
            hint = max(MIN_RETRY_S, self._call_s / max(1, self.settings.workers))
            raise Overloaded(
                f"server busy: {self.in_flight} requests in progress; retry with backoff",
                retry_after=round(hint, 3),
            )
        self.in_flight += 1
        began = time.perf_counter()
        try:
            yield
        finally:
            self.in_flight -= 1
            # A moving average of a call's time in the server, for the retry hint above.
            self._call_s += 0.2 * (time.perf_counter() - began - self._call_s)

    def worker_pids(self) -> list[int]:
        return self.pool.pids() if self.pool is not None else []

    def close(self, timeout: float = 5.0) -> None:
        """Stop the model workers; one still busy after ``timeout`` s is killed."""
        self.stopping = True
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.pool is not None:
            self.pool.close(timeout)
        if self.pipeline is not None:
            self.pipeline.engines.close()
