"""Model work in worker processes: the rules hold the GIL, so only processes use every core.

The parent (the gRPC server) holds nothing heavy. It spawns one *loader* process that builds
the engines once (``runtime.load_pipeline``: torch, MiniLM, spaCy, lingua) and then forks the
workers from itself on request: every worker starts with the engines already loaded, and the
pages they never write (model weights, lingua's n-gram tables, libraries) stay shared between
them, so a second worker costs a fraction of a first. Nothing has run a model before the fork
(no torch or lingua thread pool to lose), and Apertium pipelines start lazily in each worker.

Each worker runs Pipeline methods for the parent, one call at a time, over its own pipe:

    parent -> loader   ("fork", index, worker_conn) | None (stop)
    loader -> parent   ("loaded", catalog, forkable) | ("failed", traceback)
                       | ("forked", index, pid)
    parent -> worker   (call_id, method, args, deadline) | ("cancel", call_id, reason)
                       | None (stop)
    worker -> parent   ("ready", pid)
                       (call_id, "ok", result, stages) | (call_id, "error", EngineError, stages)
                       | (call_id, "crash", traceback, stages)

``stages`` is {stage: seconds} for the call (service/metrics.py): the parent observes it, so
the metrics live in one process however many workers there are.

A call carries its caller's deadline (time.monotonic(), one clock for the machine); a listener
thread in the worker reads the pipe, so a ("cancel", ...) for the running call reaches it
mid-call. Either stops the call at its next step boundary (service/interrupt.py), answered as
an Interrupted error.

One thread per pipe in the parent reads answers and hands them to the event loop. Domain errors
(InvalidInput, Unsupported, ...) cross the pipe as themselves, so errors.py maps them exactly as
in one process. A worker that dies (EOF on its pipe) fails its in-flight call with NotReady
(UNAVAILABLE: the client may retry) and the loader forks a replacement at once; the others keep
serving meanwhile. If the loader itself dies, a new one loads and forks the missing workers.
Engines on CUDA cannot cross a fork: then the loader is the one worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from tidings.models.base import EngineError, NotReady
from tidings.service import interrupt
from tidings.service.interrupt import CallState, DeadlinePassed, Interrupted
from tidings.service.metrics import recording

__all__ = ["DeadlinePassed", "WorkerCrash", "WorkerLoadError", "WorkerPool"]

log = logging.getLogger("tidings.workers")

# Spawned, not forked: the parent runs gRPC's threads, which a fork must not copy. Workers are
# forked from the loader, which has none.
_CONTEXT = multiprocessing.get_context("spawn")
# After the loader fails or dies, wait this long before starting another.
RETRY_DELAY_S = 5.0


class WorkerCrash(Exception):
    """An unexpected error inside a worker; its message is the worker's traceback (logged by
    errors.py under an incident id, never sent to the caller)."""


class WorkerLoadError(RuntimeError):
    pass


# -- the loader and its workers (child processes) ---------------------------------------------


def loader_main(settings: Any, control: Connection) -> None:
    """Load the engines, then fork a worker whenever the parent asks, until told to stop."""
    # The parent alone decides when to stop (a Ctrl-C or a SIGTERM sent to the process group
    # must not cut in-flight calls short); a closed pipe ends every process here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from tidings.service import logs
    from tidings.service.runtime import catalog, load_pipeline

    logs.configure(settings.log_level)
    try:
        started = time.perf_counter()
        # torch's OpenMP pool does not survive a fork (a forked worker's first parallel op
        # hangs): the loader loads on one thread, so there is no pool to copy, and each worker
        # sets its own threads after the fork (_worker_threads).
        pipeline = load_pipeline(dataclasses.replace(settings, torch_threads=1))
        forkable = not _cuda_in_use()
        control.send(("loaded", catalog(pipeline, time.perf_counter() - started), forkable))
    except BaseException:  # noqa: BLE001 - the parent reports it and fails start-up
        control.send(("failed", traceback.format_exc()))
        return
    children: set[int] = set()
    while True:
        _reap(children)
        try:
            if not control.poll(0.5):
                continue
            message = control.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        _, index, conn = message
        if not forkable:
            # CUDA cannot cross a fork: this process is the one worker (the GPU is the
            # parallelism there).
            control.send(("forked", index, os.getpid()))
            _worker_threads(settings)
            worker_main(pipeline, conn)
            return
        pid = os.fork()
        if pid == 0:
            control.close()
            code = 0
            try:
                _worker_threads(settings)
                worker_main(pipeline, conn)
            except BaseException:  # noqa: BLE001
                log.exception("worker failed", extra={"worker": index})
                code = 1
            os._exit(code)
        conn.close()
        children.add(pid)
        control.send(("forked", index, pid))
    # Stopping: the parent has asked every worker to stop; give them a moment, then end them.
    deadline = time.monotonic() + 5
    while children and time.monotonic() < deadline:
        _reap(children)
        time.sleep(0.05)
    for pid in children:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
    _reap(children)


def _worker_threads(settings: Any) -> None:
    from tidings.models.hf_loading import configure_threads

    threads = configure_threads(settings.workers, settings.torch_threads)
    log.info("worker torch threads", extra={"threads": threads})
    # ONNX Runtime sessions are per process, opened with this thread count: now, before the
    # worker says ready, rather than in its first call.
    onnx = sys.modules.get("tidings.models.onnx_encoder")
    if onnx is not None:
        onnx.open_sessions()


def _cuda_in_use() -> bool:
    torch = sys.modules.get("torch")
    return bool(torch is not None and torch.cuda.is_initialized())


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                children.discard(pid)


def worker_main(pipeline: Any, conn: Connection) -> None:
    """A forked worker: answer calls until told to stop or the parent goes."""
    conn.send(("ready", os.getpid()))
    calls: queue.SimpleQueue[Any] = queue.SimpleQueue()
    states: dict[int, CallState] = {}  # calls read and not yet answered, by id

    def listen() -> None:
        # The only reader of the pipe: a cancel must reach the call the main thread runs.
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = None
            if message is None:
                calls.put(None)
                return
            if message[0] == "cancel":
                state = states.get(message[1])
                if state is not None:
                    state.cancel(message[2])
                continue
            call_id, method, args, deadline = message
            states[call_id] = CallState(deadline)
            calls.put((call_id, method, args))

    threading.Thread(target=listen, name="tidings-worker-listener", daemon=True).start()
    try:
        while (message := calls.get()) is not None:
            call_id, method, args = message
            answer = _answer(pipeline, method, args, states[call_id])
            states.pop(call_id, None)
            conn.send((call_id, *answer))
    finally:
        pipeline.engines.close()


def _answer(
    pipeline: Any, method: str, args: tuple[Any, ...], state: CallState
) -> tuple[str, Any, dict]:
    with recording() as stages, interrupt.running(state):
        status, payload = _run(pipeline, method, args)
    return status, payload, stages


def _run(pipeline: Any, method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
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


# -- the parent's side -----------------------------------------------------------------------


class _Worker:
    def __init__(self, index: int, conn: Connection) -> None:
        self.index = index
        self.conn = conn
        self.pid = 0
        self.ready = False
        self.alive = True
        self.call_id = 0
        # The call being answered and what takes its stage timings; set on the event loop only.
        self.pending: asyncio.Future[Any] | None = None
        self.on_stages: Callable[[dict[str, float]], None] | None = None


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
        # Called with the error of a call a worker stopped at a step boundary.
        self.on_stopped: Callable[[Interrupted], None] | None = None
        self.catalog: Any = None  # what the loader reported (ListLanguages)
        self.workers: dict[int, _Worker] = {}
        self.closing = False
        self.halting = False  # the server's grace period is over: calls are being cut short
        self.replaced = 0
        self.loader: Any = None
        self._control: Connection | None = None
        self._loaded: asyncio.Future[None] | None = None
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ids = itertools.count(1)

    # -- life cycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Load the engines in the loader and fork every worker; return when all are ready
        (raise WorkerLoadError if the engines cannot load)."""
        self._loop = asyncio.get_running_loop()
        self._start_loader()
        assert self._loaded is not None
        await self._loaded
        while not self.all_ready:
            if self.closing:
                raise WorkerLoadError("stopped while starting")
            await asyncio.sleep(0.01)

    @property
    def ready_count(self) -> int:
        return sum(1 for w in self.workers.values() if w.ready and w.alive)

    @property
    def all_ready(self) -> bool:
        return self.ready_count == self.size

    def pids(self) -> list[int]:
        return [w.pid for w in self.workers.values() if w.alive and w.pid]

    def busy_pids(self) -> list[int]:
        """Workers answering a call now."""
        return [w.pid for w in self.workers.values() if w.alive and w.pending and w.pid]

    def _start_loader(self) -> None:
        assert self._loop is not None
        control, child = _CONTEXT.Pipe()
        loader = _CONTEXT.Process(
            target=loader_main, args=(self.settings, child), name="tidings-loader", daemon=True
        )
        loader.start()
        self.loader = loader  # set once started, so its pid is there to read
        child.close()
        self._control = control
        self._loaded = self._loop.create_future()
        log.info("loading models", extra={"loader_pid": self.loader.pid, "workers": self.size})
        self._reader(control, self._on_control, self._on_loader_exit, "loader")

    def _reader(
        self,
        conn: Connection,
        on_message: Callable[[Any], None],
        on_eof: Callable[[], None],
        name: str,
    ) -> None:
        """One thread per pipe: hands each message to the event loop; EOF means it died."""

        def read() -> None:
            while True:
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    break
                except Exception:  # noqa: BLE001 - an answer that cannot be read ends it
                    log.exception("unreadable message", extra={"from": name})
                    break
                self._post(on_message, message)
            self._post(on_eof)

        threading.Thread(target=read, name=f"tidings-{name}-reader", daemon=True).start()

    def _post(self, fn: Callable[..., None], *args: Any) -> None:
        assert self._loop is not None
        try:
            self._loop.call_soon_threadsafe(fn, *args)
        except RuntimeError:  # the loop is closed: the server has gone
            pass

    def _on_control(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "loaded":
            self.catalog = message[1]
            if not message[2] and self.size > 1:
                log.warning(
                    "engines on CUDA cannot be forked: one worker", extra={"asked": self.size}
                )
                self.size = 1
            for index in range(self.size):
                if index not in self.workers:
                    self._fork(index)
            if self._loaded is not None and not self._loaded.done():
                self._loaded.set_result(None)
        elif kind == "failed":
            log.error("models failed to load", extra={"error": message[1]})
            if self._loaded is not None and not self._loaded.done():
                self._loaded.set_exception(WorkerLoadError(message[1]))
        elif kind == "forked":
            _, index, pid = message
            worker = self.workers.get(index)
            if worker is not None and not worker.pid:
                worker.pid = pid

    def _on_loader_exit(self) -> None:
        if self._control is not None:
            self._control.close()
        self._control = None
        if self.closing:
            return
        if self._loaded is not None and not self._loaded.done():
            self._loaded.set_exception(
                WorkerLoadError(f"the model loader exited with {self.loader.exitcode}")
            )
            return
        # Workers it was still to fork never will be; those it forked keep serving, and the
        # next loader forks the missing ones.
        for index, worker in list(self.workers.items()):
            if not worker.pid:
                del self.workers[index]
                worker.alive = False
                worker.conn.close()
        log.error("model loader stopped; starting another", extra={"pid": self.loader.pid})
        assert self._loop is not None
        self._loop.call_later(RETRY_DELAY_S, self._restart_loader)

    def _restart_loader(self) -> None:
        if not self.closing and self._control is None:
            self._start_loader()

    def _fork(self, index: int) -> None:
        if self._control is None:
            return  # no loader now: the next one forks what is missing
        parent_conn, child_conn = _CONTEXT.Pipe()
        worker = _Worker(index, parent_conn)
        self.workers[index] = worker
        try:
            self._control.send(("fork", index, child_conn))
        except (OSError, ValueError):
            pass  # the loader is gone; its exit is being reported
        child_conn.close()  # the loader holds its own copy until it has forked
        self._reader(
            parent_conn,
            lambda message: self._on_message(worker, message),
            lambda: self._on_exit(worker),
            f"worker-{index}",
        )

    def _on_message(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        if message[0] == "ready":
            worker.pid = message[1]
            worker.ready = True
            log.info("worker ready", extra={"worker": worker.index, "pid": worker.pid})
            self._idle.put_nowait(worker)
            self.on_change(self.all_ready)
            return
        call_id, status, payload, stages = message
        future, worker.pending = worker.pending, None
        on_stages, worker.on_stages = worker.on_stages, None
        if on_stages is not None and call_id == worker.call_id:
            on_stages(stages)  # observed even when the caller has gone: the work was done
        stopped = status == "error" and isinstance(payload, Interrupted)
        if stopped and self.on_stopped is not None and call_id == worker.call_id:
            self.on_stopped(payload)
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

    def _on_exit(self, worker: _Worker) -> None:
        if not worker.alive:
            return  # dropped on purpose (its loader died before forking it)
        worker.alive = False
        worker.conn.close()
        if self.workers.get(worker.index) is worker:
            del self.workers[worker.index]
        if worker.pending is not None and not worker.pending.done():
            worker.pending.set_exception(
                NotReady("a model worker stopped while answering this call; retry it")
            )
        worker.pending = worker.on_stages = None
        if self.closing:
            return
        log.error(
            "worker stopped; forking a replacement",
            extra={"worker": worker.index, "pid": worker.pid, "was_ready": worker.ready},
        )
        self.on_change(False)
        self.replaced += 1
        self._fork(worker.index)

    def close(self, timeout: float = 5.0) -> None:
        """Ask every worker and the loader to stop. The loader ends once its workers have;
        workers still inside a step after ``timeout`` s are killed with the loader (shutdown
        has a deadline)."""
        self.closing = True
        for worker in list(self.workers.values()):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        if self._control is not None:
            with contextlib.suppress(OSError, ValueError):
                self._control.send(None)
        if self.loader is not None:
            self.loader.join(timeout)
            if self.loader.is_alive():
                # Not waited for: a process holding the models can take a second to die.
                for pid in self.pids():
                    with contextlib.suppress(ProcessLookupError, ChildProcessError):
                        os.kill(pid, signal.SIGKILL)
                self.loader.kill()
                self.loader.join(1)
        for pid in self.pids():  # orphans of an earlier loader
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)

    # -- calls --------------------------------------------------------------------------

    async def call(
        self,
        method: str,
        *args: Any,
        on_start: Callable[[], None] | None = None,
        on_stages: Callable[[dict[str, float]], None] | None = None,
        deadline: float | None = None,
    ) -> Any:
        """Run ``pipeline.<method>(*args)`` in the next idle worker. ``on_start`` is called
        when a worker takes the call, ``on_stages`` with the call's stage timings. A call
        whose ``deadline`` (time.monotonic()) passed while it queued raises DeadlinePassed and
        leaves the worker to the next call: no work for a caller who has gone."""
        while True:
            if self.ready_count == 0:
                raise NotReady("models are still loading; retry in a few seconds")
            worker = await self._idle.get()
            if worker.alive and worker.ready and worker.pending is None:
                break
        if interrupt.passed(deadline):
            self._idle.put_nowait(worker)
            raise DeadlinePassed(interrupt.WAITED_TOO_LONG)
        assert self._loop is not None
        future: asyncio.Future[Any] = self._loop.create_future()
        worker.pending = future
        worker.on_stages = on_stages
        worker.call_id = next(self._ids)
        if on_start is not None:
            on_start()
        call_id = worker.call_id
        try:
            worker.conn.send((call_id, method, args, deadline))
        except (OSError, ValueError):
            pass  # the worker died just now: its reader thread reports it and fails `future`
        except Exception:
            # Nothing was written (pickling comes first): the worker is still idle.
            worker.pending = worker.on_stages = None
            self._idle.put_nowait(worker)
            raise
        # Shielded: a cancelled caller leaves the worker busy until its answer arrives, which
        # the cancel below makes come at the next step boundary.
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if not future.done():
                self._cancel(worker, call_id, deadline)
                future.cancel()  # its answer is dropped on arrival (_on_message)
            raise

    def _cancel(self, worker: _Worker, call_id: int, deadline: float | None) -> None:
        reason = interrupt.abandoned(self.closing or self.halting, deadline)
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(("cancel", call_id, reason))
