"""Running work stops at the next step boundary when its caller's deadline passes or it
cancels (issue 14 item 4): through a real server on the offline engines (model threads), and on
the worker pool with a real worker process reading cancels from its pipe."""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import time
from dataclasses import dataclass

import grpc
import pytest
from tidings.service.config import Settings
from tidings.service.interrupt import CallCancelled, DeadlinePassed, Interrupted
from tidings.service.metrics import stage
from tidings.service.pipeline import Pipeline
from tidings.service.workers import WorkerPool, _Worker, worker_main
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

from tests.articles import HARBOUR_STRIKE
from tests.server_harness import ServerThread

TARGETS = ["es", "fr", "ca"]


class _SlowAttribution(Pipeline):
    """The real pipeline, with attribution made slow and translations recorded."""

    def __init__(self, engines, settings, delay: float) -> None:
        super().__init__(engines, settings)
        self.delay = delay
        self.translated: list[str] = []

    def attributions(self, text, language):
        found = super().attributions(text, language)
        time.sleep(self.delay)  # the caller's deadline passes here
        return found

    def _localize(self, base, target):
        self.translated.append(target)
        return super()._localize(base, target)


def _stops(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "call stopped at a step boundary"]


def test_a_deadline_passed_during_attribution_translates_nothing(pipeline, caplog):
    caplog.set_level(logging.INFO, logger="tidings.runtime")
    slow = _SlowAttribution(pipeline.engines, pipeline.settings, delay=1.5)
    request = pb.SummarizeRequest(
        article=pb.Article(text=HARBOUR_STRIKE, language="en"), target_languages=TARGETS
    )
    with ServerThread(Settings(profile="offline", workers=1), slow) as running:
        with grpc.insecure_channel(running.target) as channel:
            stub = pb_grpc.TidingsStub(channel)
            with pytest.raises(grpc.RpcError) as err:
                stub.Summarize(request, timeout=0.8)
            assert err.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
            end = time.monotonic() + 10
            while running.runtime.stopped < 1 and time.monotonic() < end:
                time.sleep(0.05)
            assert slow.translated == []  # stopped at 'rank', before any translation
            stops = _stops(caplog)
            assert [(r.reason, r.stage, r.stopped_total) for r in stops] == [
                ("deadline passed", "rank", 1)
            ]
            # The same call with time enough translates into every target: the check above
            # is not passing because translation never happens.
            slow.delay = 0.0
            answer = stub.Summarize(request, timeout=120)
            assert [s.language for s in answer.summaries] == TARGETS
            assert slow.translated == TARGETS
            assert running.runtime.stopped == 1


# -- the worker process side: deadline and cancel reach a running call ------------------------


@dataclass
class _Steps:
    """A pipeline double for a worker process: ``steps`` translate steps of 0.05 s each."""

    def summarize(self, steps: int) -> int:
        for _ in range(steps):
            with stage("translate"):
                time.sleep(0.05)
        return steps

    @property
    def engines(self) -> _Steps:
        return self

    def close(self) -> None:
        pass


async def _with_worker(scenario):
    """Run ``scenario(pool)`` against one real worker process running the _Steps double."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=worker_main, args=(_Steps(), theirs), daemon=True)
    process.start()
    theirs.close()
    pool = WorkerPool(Settings(workers=1), 1)
    pool._loop = asyncio.get_running_loop()
    worker = _Worker(0, ours)
    pool.workers[0] = worker
    pool._reader(ours, lambda m: pool._on_message(worker, m), lambda: pool._on_exit(worker), "w")
    stopped: list[Interrupted] = []
    pool.on_stopped = stopped.append
    try:
        while not worker.ready:
            await asyncio.sleep(0.05)
        return await scenario(pool, stopped)
    finally:
        pool.closing = True
        ours.send(None)
        process.join(5)
        if process.is_alive():
            process.kill()


def test_a_worker_stops_a_running_call_at_its_deadline():
    async def scenario(pool, stopped):
        began = time.monotonic()
        with pytest.raises(DeadlinePassed) as err:
            await pool.call("summarize", 100, deadline=time.monotonic() + 0.4)
        took = time.monotonic() - began
        assert await pool.call("summarize", 2) == 2  # the worker serves the next call
        return err.value, took, stopped

    err, took, stopped = asyncio.run(_with_worker(scenario))
    assert err.stage == "translate" and took < 2.0  # 100 steps would take 5 s
    assert [type(s) for s in stopped] == [DeadlinePassed]


def test_a_cancelled_call_stops_in_the_worker():
    async def scenario(pool, stopped):
        call = asyncio.create_task(pool.call("summarize", 100))
        await asyncio.sleep(0.5)
        cancelled = time.monotonic()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        while not stopped and time.monotonic() - cancelled < 5:
            await asyncio.sleep(0.02)
        freed = time.monotonic() - cancelled
        assert await pool.call("summarize", 1) == 1
        return freed, stopped

    freed, stopped = asyncio.run(_with_worker(scenario))
    assert [type(s) for s in stopped] == [CallCancelled] and stopped[0].stage == "translate"
    assert freed < 1.0  # the rest of the 5 s of steps never ran


def test_a_server_process_stops_a_call_in_its_worker_at_the_deadline(tmp_path):
    """The whole way: python -m tidings.service, its worker process, the offline engines."""
    from tidings.service.process import start_server

    from tests.test_shutdown import _long_article

    log_path = tmp_path / "server.log"
    with open(log_path, "w", encoding="utf-8") as log_file:
        server = start_server(
            "--workers", "1", env={"TIDINGS_PROFILE": "offline"}, log_level="INFO", stderr=log_file
        )
        try:
            server.wait_until_serving(180)
            request = pb.SummarizeRequest(
                article=pb.Article(text=_long_article(), language="en"), target_languages=TARGETS
            )
            with grpc.insecure_channel(server.target) as channel:
                stub = pb_grpc.TidingsStub(channel)
                with pytest.raises(grpc.RpcError) as err:
                    stub.Summarize(request, timeout=1.5)
                assert err.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
                end = time.monotonic() + 60
                while time.monotonic() < end and "step boundary" not in log_path.read_text():
                    time.sleep(0.2)
                short = pb.SummarizeRequest(
                    article=pb.Article(text=HARBOUR_STRIKE, language="en"), target_languages=["es"]
                )
                assert stub.Summarize(short, timeout=60).summaries[0].language == "es"
        finally:
            server.stop()
    events = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()]
    stops = [e for e in events if e["event"] == "call stopped at a step boundary"]
    assert [(e["reason"], e["stopped_total"]) for e in stops] == [("deadline passed", 1)]
    assert stops[0]["stage"] in ("rank", "align", "translate")
    # Only the short call after it was summarized: the long one never reached its end.
    assert [e.get("chars") for e in events if e["event"] == "summarized"] == [len(HARBOUR_STRIKE)]
