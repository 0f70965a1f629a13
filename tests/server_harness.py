"""A real Tidings gRPC server on port 0, in a thread with its own event loop.

Tests drive it with the synchronous client from the main thread, as another service would.
Given a pipeline (or a ``load`` that sets one), model calls run in threads of this process;
given neither, the server starts its worker processes as ``serve`` does.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from grpc_health.v1._async import HealthServicer
from tidings.service.config import Settings
from tidings.service.pipeline import Pipeline
from tidings.service.runtime import Runtime
from tidings.service.server import build_server, set_serving


class ServerThread:
    def __init__(
        self,
        settings: Settings,
        pipeline: Pipeline | None = None,
        load: Callable[[Runtime], None] | None = None,
        tracer_provider: Any | None = None,
    ) -> None:
        self.settings = replace(settings, host="127.0.0.1", port=0)
        self.pipeline = pipeline
        self.tracer_provider = tracer_provider
        self.load = load
        self.port = 0
        self.runtime: Runtime | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)
        self._error: BaseException | None = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self._thread.start()
        self._ready.wait(30)
        if self._error:
            raise self._error
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # noqa: BLE001 - surfaced to the test thread
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        runtime = Runtime(self.settings, HealthServicer(), self.pipeline)
        self.runtime = runtime
        server, self.port = build_server(self.settings, runtime, self.tracer_provider)
        await server.start()
        await set_serving(runtime, self.pipeline is not None)
        loader = None
        if self.pipeline is None and self.load is None:

            async def start() -> None:
                await runtime.start()
                await set_serving(runtime, True)

            loader = asyncio.create_task(start())
        elif self.load is not None:
            loop = self._loop

            async def load() -> None:
                await loop.run_in_executor(runtime.executor, self.load, runtime)
                await set_serving(runtime, True)

            loader = asyncio.create_task(load())
        self._ready.set()
        await self._stop.wait()
        await server.stop(1)
        if loader:
            loader.cancel()
        runtime.executor.shutdown(wait=False, cancel_futures=True)
        if runtime.pool is not None:
            runtime.stopping = True
            runtime.pool.close()
