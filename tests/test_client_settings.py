"""Bad client-side arguments are TidingsError(INVALID_ARGUMENT) before any call, and the CLI
waits for a loading server instead of giving up after the client's retries (issue 16, item 5)."""

from __future__ import annotations

import threading
import time

import grpc
import pytest
from tidings import AsyncClient, Client, TidingsError, cli

from tests.fake_tidings import ARTICLE

INVALID = grpc.StatusCode.INVALID_ARGUMENT


def test_negative_max_sentences_is_a_tidings_error(srv):
    with Client(srv.target) as client:
        with pytest.raises(TidingsError, match="max_sentences must be 1 to 4") as caught:
            client.summarize(ARTICLE, max_sentences=-1)
        assert caught.value.code is INVALID
        answers = client.summarize_many([("a", {"text": ARTICLE, "max_sentences": -2})])
        with pytest.raises(TidingsError, match="got -2"):
            list(answers)
    assert srv.fake.calls_to("Summarize") == []


@pytest.mark.parametrize("timeout", [0, -1.0])
def test_zero_call_timeout_is_refused_before_calling(srv, timeout):
    with Client(srv.target) as client:
        with pytest.raises(TidingsError, match="timeout must be > 0 seconds") as caught:
            client.languages(timeout=timeout)
        assert caught.value.code is INVALID
        with pytest.raises(TidingsError, match="timeout must be > 0"):
            list(client.summarize_many([("a", ARTICLE)], timeout=timeout))
    assert srv.fake.calls == []


def test_zero_client_timeout_is_a_tidings_error_and_still_a_value_error():
    for make in (Client, AsyncClient):
        with pytest.raises(TidingsError, match="timeout must be > 0 seconds, got 0"):
            make("localhost:1", timeout=0)
        with pytest.raises(ValueError, match="retries must be >= 0"):
            make("localhost:1", retries=-1)


async def test_async_client_refuses_zero_timeout_and_negative_max_sentences(srv):
    async with AsyncClient(srv.target) as client:
        with pytest.raises(TidingsError, match="timeout must be > 0") as caught:
            await client.languages(timeout=0)
        assert caught.value.code is INVALID
        with pytest.raises(TidingsError, match="max_sentences"):
            await client.summarize(ARTICLE, max_sentences=-1)
    assert srv.fake.calls == []


def test_cli_waits_for_a_loading_server_within_its_timeout(srv, monkeypatch, capsys):
    srv.set_serving(False)
    timer = threading.Timer(1.5, srv.set_serving, args=(True,))
    timer.start()
    started = time.monotonic()
    try:
        code = cli.main(["--target", srv.target, "--timeout", "10", "languages"])
    finally:
        timer.cancel()
    out, err = capsys.readouterr()
    assert code == 0, err
    assert time.monotonic() - started >= 1.4
    assert "is loading its models; waiting up to 10s" in err
    assert len(srv.fake.calls_to("ListLanguages")) == 1


def test_cli_gives_up_on_a_loading_server_after_its_timeout(srv, capsys):
    srv.set_serving(False)
    code = cli.main(["--target", srv.target, "--timeout", "0.5", "languages"])
    _, err = capsys.readouterr()
    assert code == 1 and "DEADLINE_EXCEEDED" in err and "not SERVING after 0.5s" in err
    assert srv.fake.calls == []


def test_cli_on_an_unreachable_server_fails_fast_with_unavailable(capsys):
    started = time.monotonic()
    code = cli.main(["--target", "127.0.0.1:1", "--timeout", "20", "languages"])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("tidings: UNAVAILABLE: ") and "Traceback" not in err
    assert time.monotonic() - started < 10
