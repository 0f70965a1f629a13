"""The server's model worker processes, as `serve` runs them: health waits for every worker,
domain errors cross the process boundary intact, a killed worker costs its own call only
(UNAVAILABLE, quickly) and is replaced while the other one keeps serving."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from dataclasses import replace

import grpc
import pytest
from tidings.client import Client, TidingsError
from tidings.service.errors import status_for
from tidings.service.workers import WorkerCrash

from tests.articles import ARTICLES
from tests.server_harness import ServerThread


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture()
def processes(offline_settings):
    """Two worker processes behind a real server on port 0."""
    settings = replace(offline_settings, workers=2)
    with ServerThread(settings) as server:
        _wait(lambda: server.runtime.pool is not None, 10, "the pool")
        yield server


def test_not_serving_until_every_worker_is_ready(processes):
    pool = processes.runtime.pool
    _wait(lambda: pool.loader is not None, 10, "the model loader")
    loader = pool.loader.pid
    os.kill(loader, signal.SIGSTOP)  # hold the engines' loading
    try:
        with Client(processes.target, retries=0, timeout=60) as client:
            assert client.health() == "NOT_SERVING"
            with pytest.raises(TidingsError) as err:
                client.translate(["The house is red."], "es")
            assert err.value.code == grpc.StatusCode.UNAVAILABLE
            os.kill(loader, signal.SIGCONT)
            client.wait_until_serving(timeout=180)
            assert pool.ready_count == 2

            # One worker short (killed, and the loader held so no replacement comes): the
            # other serves calls, but the server is not SERVING until both are ready again.
            os.kill(loader, signal.SIGSTOP)
            os.kill(pool.pids()[0], signal.SIGKILL)
            _wait(lambda: pool.ready_count == 1, 10, "the killed worker to be noticed")
            assert client.health() == "NOT_SERVING"
            assert client.translate(["The house is red."], "es").translations
            os.kill(loader, signal.SIGCONT)
            client.wait_until_serving(timeout=30)
            assert pool.ready_count == 2
    finally:
        os.kill(loader, signal.SIGCONT)


def test_a_killed_worker_fails_its_call_only_and_is_replaced(processes):
    pool = processes.runtime.pool
    with Client(processes.target, retries=0, timeout=120) as client:
        client.wait_until_serving(timeout=180)
        first = set(pool.pids())
        article = ARTICLES["harbour_strike"]
        alone = client.summarize(article, target_languages=["en", "es"])

        # Domain errors cross the process boundary as themselves.
        with pytest.raises(TidingsError) as err:
            client.translate(["The house is red."], "")
        assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "target_language is required" in err.value.message
        assert client.languages().source_languages
        # Anything else is a crash: INTERNAL for the caller, the worker's traceback in the log.
        crash = asyncio.run_coroutine_threadsafe(
            processes.runtime.call("no_such_method"), processes._loop
        )
        with pytest.raises(WorkerCrash, match="AttributeError"):
            crash.result(30)
        assert status_for(WorkerCrash("x"))[0] == grpc.StatusCode.INTERNAL

        long_article = "\n".join(ARTICLES.values()) * 3
        outcome: list[object] = []

        def slow_call() -> None:
            started = time.monotonic()
            try:
                client.summarize(long_article, target_languages=["es", "fr", "ca"])
                outcome.append("answered")
            except TidingsError as exc:
                outcome.append((exc.code, time.monotonic() - started))

        call = threading.Thread(target=slow_call)
        call.start()
        _wait(lambda: pool.busy_pids(), 10, "the call to reach a worker")
        victim = pool.busy_pids()[0]
        os.kill(victim, signal.SIGKILL)
        call.join(10)
        assert not call.is_alive(), "the killed worker's call hung"
        code, seconds = outcome[0]
        assert code == grpc.StatusCode.UNAVAILABLE and seconds < 10

        # The other worker answers at once, and answers the same as before.
        assert client.summarize(article, target_languages=["en", "es"]) == alone
        client.wait_until_serving(timeout=180)
        assert client.health() == "SERVING"
        now = set(pool.pids())
        assert len(now) == 2 and victim not in now and len(now - first) == 1
        # Both workers, the replacement among them, give the same answer.
        for _ in range(4):
            assert client.summarize(article, target_languages=["en", "es"]) == alone


def test_a_worker_with_two_torch_threads_answers(offline_settings):
    """torch's OpenMP pool does not survive a fork: a worker whose loader had used it hung on
    its first model call with two or more torch threads (one worker on two cores). The loader
    now loads on one thread and each worker sets its threads after the fork."""
    settings = replace(
        offline_settings,
        workers=1,
        torch_threads=2,
        encoders_ahead=False,
        attribution_runtime="torch",
        embedder_runtime="torch",
    )
    article = next(iter(ARTICLES.values()))
    with ServerThread(settings) as server, Client(server.target, retries=0) as client:
        client.wait_until_serving(timeout=180)
        result = client.summarize(article, target_languages=["en"], timeout=60)
        assert result.summaries and result.summaries[0].sentences
