"""What one running server holds: settings, the loaded pipeline, workers, admission."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tidings.models.base import Overloaded
from tidings.service.config import Settings
from tidings.service.pipeline import Pipeline

log = logging.getLogger("tidings.runtime")


class Runtime:
    """Owns the engines' lifetime. ``pipeline`` is None until ``load()`` has finished, and the
    servicer answers UNAVAILABLE until then."""

    def __init__(self, settings: Settings, health: Any, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.health = health  # grpc_health's aio HealthServicer
        self.pipeline = pipeline
        self.executor = ThreadPoolExecutor(settings.workers, thread_name_prefix="tidings-model")
        self.in_flight = 0

    def load(self) -> Pipeline:
        """Build every engine the settings name (blocking: run it off the event loop)."""
        from tidings.models.registry import build_engines

        started = time.perf_counter()
        engines = build_engines(self.settings)
        self.pipeline = Pipeline(engines, self.settings)
        log.info(
            "models loaded",
            extra={
                "profile": engines.profile,
                "seconds": round(time.perf_counter() - started, 2),
                "engines": ", ".join(f"{i.role}={i.name}" for i in engines.infos),
            },
        )
        return self.pipeline

    @contextlib.asynccontextmanager
    async def admit(self) -> AsyncIterator[None]:
        # Runs on the event loop only, so a plain counter is race-free.
        if self.in_flight >= self.settings.max_in_flight:
            raise Overloaded(
                f"server busy: {self.in_flight} requests in progress; retry with backoff"
            )
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.pipeline is not None:
            self.pipeline.engines.close()
