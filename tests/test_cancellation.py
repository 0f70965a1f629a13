"""Cancellation (issue 14 item 4): a call still queued for a worker when its caller's deadline
passes, or when its caller cancels, never starts, and the skip is counted in the logs. Through a
real server on port 0 (calls run in its one model thread), and on the worker pool's queue."""

from __future__ import annotations

import asyncio
import logging
import time
from multiprocessing import Pipe

import grpc
import pytest
from tidings.service.config import Settings
from tidings.service.errors import status_for
from tidings.service.workers import DeadlinePassed, WorkerPool, _Worker
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

from tests.server_harness import ServerThread


class _Recording:
    """A pipeline double: Translate sleeps the seconds its first text names and records it."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    def translate(self, texts, target, source=None):
        from tidings.service.language_choice import LanguageChoice
        from tidings.service.pipeline import TranslateResult

        self.ran.append(texts[0])
        time.sleep(float(texts[0].split()[0]))
        return TranslateResult(LanguageChoice("en", False, 1.0), tuple(texts), "double", None)


def _request(text: str) -> pb.TranslateRequest:
    return pb.TranslateRequest(texts=[text], target_language="es")


@pytest.fixture()
def one_thread():
    double = _Recording()
    with ServerThread(Settings(workers=1), double) as running:
        yield running, double


def _skips(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "call skipped before it started"]


def test_queued_calls_whose_caller_left_never_start(one_thread, caplog):
    caplog.set_level(logging.INFO, logger="tidings.runtime")
    running, double = one_thread
    with grpc.insecure_channel(running.target) as channel:
        stub = pb_grpc.TidingsStub(channel)
        busy = stub.Translate.future(_request("1.5 busy"), timeout=10)
        time.sleep(0.3)  # the one model thread is busy now
        with pytest.raises(grpc.RpcError) as late:
            stub.Translate(_request("0 timed out"), timeout=0.4)
        assert late.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
        cancelled = stub.Translate.future(_request("0 cancelled"), timeout=10)
        time.sleep(0.2)
        assert cancelled.cancel()
        assert busy.result().translations == ["1.5 busy"]
        assert stub.Translate(_request("0 after"), timeout=10).translations == ["0 after"]
    assert double.ran == ["1.5 busy", "0 after"]  # the two that left never ran
    skips = _skips(caplog)
    assert len(skips) == 2 and running.runtime.skipped == 2
    assert {r.reason for r in skips} <= {"caller gone", "deadline passed"}
    assert [r.skipped_total for r in skips] == [1, 2]


def test_a_call_past_its_deadline_is_not_started_in_process(one_thread, caplog):
    """The check itself, without gRPC's cancellation racing it: a deadline already passed."""
    caplog.set_level(logging.INFO, logger="tidings.runtime")
    running, double = one_thread
    runtime = running.runtime
    call = runtime.call("translate", ["0 late"], "es", None, deadline=time.monotonic() - 0.01)
    with pytest.raises(DeadlinePassed) as err:
        asyncio.run_coroutine_threadsafe(call, running._loop).result(5)
    assert double.ran == []
    assert status_for(err.value)[0] is grpc.StatusCode.DEADLINE_EXCEEDED
    assert [r.reason for r in _skips(caplog)] == ["deadline passed"]
    fine = runtime.call("translate", ["0 fine"], "es", None, deadline=time.monotonic() + 5)
    assert asyncio.run_coroutine_threadsafe(fine, running._loop).result(5).translations == (
        "0 fine",
    )


def test_the_pool_skips_a_call_whose_deadline_passed_while_it_queued():
    """On the worker processes' queue: the expired call is never sent to a worker, and the
    worker goes on to the next call."""

    async def scenario() -> tuple[list[object], list[object]]:
        pool = WorkerPool(Settings(workers=1), 1)
        pool._loop = asyncio.get_running_loop()
        ours, theirs = Pipe()
        worker = _Worker(0, ours)
        worker.ready = True
        pool.workers[0] = worker  # idle only once the test says so: calls queue meanwhile
        late = asyncio.create_task(
            pool.call("translate", ["x"], "es", None, deadline=time.monotonic() + 0.1)
        )
        on_time = asyncio.create_task(
            pool.call("translate", ["y"], "es", None, deadline=time.monotonic() + 10)
        )
        await asyncio.sleep(0.3)  # the first deadline passes while both wait
        pool._idle.put_nowait(worker)
        outcomes: list[object] = []
        try:
            await late
        except DeadlinePassed as exc:
            outcomes.append(exc)
        sent = []
        for _ in range(50):
            if theirs.poll():
                sent.append(theirs.recv())
                break
            await asyncio.sleep(0.02)
        on_time.cancel()
        ours.close()
        theirs.close()
        return outcomes, sent

    outcomes, sent = asyncio.run(scenario())
    assert len(outcomes) == 1 and isinstance(outcomes[0], DeadlinePassed)
    assert [message[1:3] for message in sent] == [("translate", (["y"], "es", None))]


def test_stream_items_queued_past_the_deadline_never_start(one_thread, caplog):
    caplog.set_level(logging.INFO, logger="tidings.runtime")
    running, double = one_thread
    double.summarize = lambda request: (double.ran.append(request.text), time.sleep(1.0))[1]
    items = [
        pb.SummarizeStreamRequest(
            id=str(i), request=pb.SummarizeRequest(article=pb.Article(text=f"item {i}"))
        )
        for i in range(4)
    ]
    with grpc.insecure_channel(running.target) as channel:
        stub = pb_grpc.TidingsStub(channel)
        with pytest.raises(grpc.RpcError) as err:
            list(stub.SummarizeStream(iter(items), timeout=0.5))
        assert err.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    deadline = time.monotonic() + 5
    while running.runtime.skipped < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.2)  # anything wrongly started would have been recorded by now
    assert double.ran == ["item 0"]  # the rest waited behind it and never began
    assert running.runtime.skipped >= 1
