"""Model work in worker processes: the rules hold the GIL, so only processes use every core.

Each worker is a spawned process that builds the engines once (``runtime.load_pipeline``) and
then runs Pipeline methods, one call at a time, for the event loop in the parent. The parent
holds nothing heavy: no torch, no spaCy, no MiniLM. A call goes to an idle worker over a pipe
and its answer comes back on the same pipe, read by one thread per worker:

    parent -> worker   (call_id, method, args) | None (stop)
    worker -> parent   ("ready", catalog) | ("failed", traceback)   once, after loading
                       (call_id, "ok", result) | (call_id, "error", EngineError)
                       | (call_id, "crash", traceback)

Domain errors (InvalidInput, Unsupported, ...) cross the pipe as themselves, so errors.py maps
them exactly as in one process. A worker that dies fails its in-flight call with NotReady
(UNAVAILABLE: the client may retry), is replaced, and the others keep serving meanwhile.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import pickle
import signal
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from tidings.models.base import EngineError, NotReady

log = logging.getLogger("tidings.workers")

# Spawned, not forked: the parent runs gRPC's threads, which a fork must not copy.
_CONTEXT = multiprocessing.get_context("spawn")
# After a replacement fails to load, wait this long before the next try.
RETRY_DELAY_S = 5.0


class WorkerCrash(Exception):
    """An unexpected error inside a worker; its message is the worker's traceback (logged by
    errors.py under an incident id, never sent to the caller)."""


class WorkerLoadError(RuntimeError):
    pass


def worker_main(settings: Any, index: int, conn: Connection) -> None:
    """The worker process: load the engines, then answer calls until told to stop."""
    # The parent alone decides when to stop (a Ctrl-C or a SIGTERM sent to the process group
    # must not cut in-flight calls short); a closed pipe ends the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from tidings.service import logs
    from tidings.service.runtime import catalog, load_pipeline

    logs.configure(settings.log_level)
    try:
        pipeline = load_pipeline(settings, worker=index)
        conn.send(("ready", catalog(pipeline)))
    except BaseException:  # noqa: BLE001 - the parent reports it and fails start-up
        conn.send(("failed", traceback.format_exc()))
        return
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            if message is None:
                break
            call_id, method, args = message
            conn.send((call_id, *_answer(pipeline, method, args)))
    finally:
        pipeline.engines.close()


def _answer(pipeline: Any, method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        return "ok", getattr(pipeline, method)(*args)
    except EngineError as exc:
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an error that cannot travel is a crash
            return "crash", traceback.format_exc()
        return "error", exc
    except Exception:  # noqa: BLE001 - reported to the parent, which logs it
        return "crash", traceback.format_exc()


class _Worker:
    def __init__(self, index: int, process: Any, conn: Connection) -> None:
        self.index = index
        self.process = process
        self.conn = conn
        self.ready = False
        self.alive = True
        self.call_id = 0
        # The call being answered; set on the event loop only.
        self.pending: asyncio.Future[Any] | None = None


class WorkerPool:
    """``size`` worker processes behind one async ``call``; each runs one call at a time."""

    def __init__(
        self,
        settings: Any,
        size: int,
        on_change: Callable[[bool], None] = lambda all_ready: None,
    ) -> None:
        self.settings = settings
        self.size = size
        self.on_change = on_change  # called with True when every worker is ready, else False
        self.catalog: Any = None  # what the first ready worker reported (ListLanguages)
        self.workers: dict[int, _Worker] = {}
        self.closing = False
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: dict[int, asyncio.Future[None]] = {}
        self._ids = itertools.count(1)
        self.replaced = 0

    # -- life cycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Spawn every worker and return when all have loaded (raise if one cannot)."""
        self._loop = asyncio.get_running_loop()
        for index in range(self.size):
            self._spawn(index)
        results = await asyncio.gather(*self._starting.values(), return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            raise errors[0]

    @property
    def ready_count(self) -> int:
        return sum(1 for w in self.workers.values() if w.ready and w.alive)

    @property
    def all_ready(self) -> bool:
        return self.ready_count == self.size

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers.values() if w.alive]

    def busy_pids(self) -> list[int]:
        """Workers answering a call now."""
        return [w.process.pid for w in self.workers.values() if w.alive and w.pending]

    def _spawn(self, index: int) -> None:
        assert self._loop is not None
        parent_conn, child_conn = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=worker_main,
            args=(self.settings, index, child_conn),
            name=f"tidings-worker-{index}",
            daemon=True,
        )
        process.start()
        child_conn.close()  # so the parent reads EOF when the worker dies
        worker = _Worker(index, process, parent_conn)
        self.workers[index] = worker
        self._starting[index] = self._loop.create_future()
        log.info("worker starting", extra={"worker": index, "pid": process.pid})
        threading.Thread(
            target=self._read, args=(worker,), name=f"tidings-worker-{index}-reader", daemon=True
        ).start()

    def _read(self, worker: _Worker) -> None:
        """One thread per worker: hands each message to the event loop; EOF means it died."""
        assert self._loop is not None
        while True:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # noqa: BLE001 - an answer that cannot be read ends the worker
                log.exception("unreadable answer from a worker", extra={"worker": worker.index})
                break
            self._post(self._on_message, worker, message)
        worker.process.join(5)
        self._post(self._on_exit, worker)

    def _post(self, fn: Callable[..., None], *args: Any) -> None:
        assert self._loop is not None
        try:
            self._loop.call_soon_threadsafe(fn, *args)
        except RuntimeError:  # the loop is closed: the server has gone
            pass

    def _on_message(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        if message[0] == "ready":
            worker.ready = True
            if self.catalog is None:
                self.catalog = message[1]
            log.info("worker ready", extra={"worker": worker.index, "pid": worker.process.pid})
            self._resolve_start(worker.index, None)
            self._idle.put_nowait(worker)
            self.on_change(self.all_ready)
            return
        if message[0] == "failed":
            self._resolve_start(worker.index, WorkerLoadError(message[1]))
            return
        call_id, status, payload = message
        future, worker.pending = worker.pending, None
        if worker.alive and not self.closing:
            self._idle.put_nowait(worker)
        if future is None or future.done() or call_id != worker.call_id:
            return  # the caller has gone (cancelled, deadline): the answer is dropped
        if status == "ok":
            future.set_result(payload)
        elif status == "error":
            future.set_exception(payload)
        else:
            future.set_exception(WorkerCrash(f"in worker {worker.index}:\n{payload}"))

    def _resolve_start(self, index: int, error: BaseException | None) -> None:
        future = self._starting.pop(index, None)
        if future is not None and not future.done():
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(error)

    def _on_exit(self, worker: _Worker) -> None:
        worker.alive = False
        worker.conn.close()
        if self.workers.get(worker.index) is worker:
            del self.workers[worker.index]
        if worker.pending is not None and not worker.pending.done():
            worker.pending.set_exception(
                NotReady("a model worker stopped while answering this call; retry it")
            )
        worker.pending = None
        if self.closing:
            return
        code = worker.process.exitcode
        was_ready = worker.ready
        starting = self._starting.get(worker.index)
        if starting is not None and not starting.done():
            # Died while loading: start-up fails (the server exits) unless it was a replacement.
            self._resolve_start(
                worker.index, WorkerLoadError(f"worker {worker.index} exited with {code}")
            )
        log.error(
            "worker stopped; starting a replacement",
            extra={"worker": worker.index, "exit_code": code, "was_ready": was_ready},
        )
        self.on_change(False)
        self.replaced += 1
        self._replace(worker.index, delay=0.0 if was_ready else RETRY_DELAY_S)

    def _replace(self, index: int, delay: float) -> None:
        assert self._loop is not None

        async def replace() -> None:
            await asyncio.sleep(delay)
            if self.closing or index in self.workers:
                return
            self._spawn(index)
            try:
                await self._starting[index]
            except WorkerLoadError as exc:
                log.error(
                    "replacement worker failed to load", extra={"worker": index, "error": str(exc)}
                )

        self._loop.create_task(replace())

    def close(self, timeout: float = 5.0) -> None:
        """Ask every worker to stop, wait a little, then kill what is left."""
        self.closing = True
        workers = list(self.workers.values())
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)

    # -- calls --------------------------------------------------------------------------

    async def call(self, method: str, *args: Any) -> Any:
        """Run ``pipeline.<method>(*args)`` in the next idle worker."""
        while True:
            if self.ready_count == 0:
                raise NotReady("models are still loading; retry in a few seconds")
            worker = await self._idle.get()
            if worker.alive and worker.ready and worker.pending is None:
                break
        assert self._loop is not None
        future: asyncio.Future[Any] = self._loop.create_future()
        worker.pending = future
        worker.call_id = next(self._ids)
        try:
            worker.conn.send((worker.call_id, method, args))
        except (OSError, ValueError):
            pass  # the worker died just now: its reader thread reports it and fails `future`
        except Exception:
            # Nothing was written (pickling comes first): the worker is still idle.
            worker.pending = None
            self._idle.put_nowait(worker)
            raise
        # Shielded: a cancelled caller leaves the worker busy until its answer arrives.
        return await asyncio.shield(future)
