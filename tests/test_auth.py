"""Bearer tokens against a real server on port 0: refused without one, let in with one, health
open, the caller's name in logs and metrics, the tokens file re-read on SIGHUP."""

from __future__ import annotations

import hashlib
import logging
import signal
import time

import grpc
import pytest
from tidings.cli import main as cli_main
from tidings.client import AsyncClient, Client, TidingsError
from tidings.service.auth import TokenFile, parse_tokens
from tidings.service.config import Settings
from tidings.service.process import start_server

from tests.server_harness import ServerThread
from tests.test_tls import _Echo

ALICE = "alice-token-5d1c"
BOB = "bob-token-93aa"


def _line(name: str, token: str) -> str:
    return f"{name}:{hashlib.sha256(token.encode()).hexdigest()}\n"


@pytest.fixture(scope="module")
def tokens_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("auth") / "tokens"
    path.write_text("# callers of the test server\n\n" + _line("alice", ALICE))
    return str(path)


@pytest.fixture(scope="module")
def server(tokens_file):
    with ServerThread(Settings(workers=1, auth_tokens_file=tokens_file), _Echo()) as running:
        yield running


def _refusal(target: str, token: str | None) -> TidingsError:
    with Client(target, token=token, timeout=5, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            client.translate(["Hello."], "es")
    return caught.value


def test_no_token_is_unauthenticated_and_counted(server):
    refused = server.runtime.metrics.calls.labels("Translate", "UNAUTHENTICATED")
    before = refused._value.get()
    err = _refusal(server.target, None)
    assert err.code is grpc.StatusCode.UNAUTHENTICATED
    assert "authorization: Bearer TOKEN" in err.message
    deadline = time.monotonic() + 5  # gRPC sends the status before the handler returns
    while refused._value.get() == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert refused._value.get() == before + 1


def test_a_wrong_token_is_unauthenticated(server):
    err = _refusal(server.target, "not-" + ALICE)
    assert err.code is grpc.StatusCode.UNAUTHENTICATED
    assert "not valid" in err.message
    assert ALICE not in err.message


def test_a_malformed_header_is_unauthenticated(server):
    from tidings.v1 import tidings_pb2 as pb
    from tidings.v1 import tidings_pb2_grpc as pb_grpc

    request = pb.TranslateRequest(texts=["Hello."], target_language="es")
    with grpc.insecure_channel(server.target) as channel:
        with pytest.raises(grpc.RpcError) as caught:
            pb_grpc.TidingsStub(channel).Translate(
                request, metadata=(("authorization", f"Basic {ALICE}"),), timeout=5
            )
    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED
    assert "Bearer TOKEN" in caught.value.details()


def test_the_right_token_is_let_in_and_named_in_logs_and_metrics(server, caplog):
    counter = server.runtime.metrics.callers.labels("alice")
    before = counter._value.get()
    with caplog.at_level(logging.INFO, logger="tidings.auth"):
        with Client(server.target, token=ALICE, timeout=10, retries=0) as client:
            assert list(client.translate(["Hello."], "es").translations) == ["Hello."]
    assert counter._value.get() == before + 1
    calls = [r for r in caplog.records if r.getMessage() == "call"]
    assert calls and calls[-1].caller == "alice"
    assert calls[-1].method == "/tidings.v1.Tidings/Translate"
    for record in caplog.records:
        assert ALICE not in str(vars(record))


def test_a_stream_without_a_token_is_unauthenticated(server):
    with Client(server.target, timeout=5, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            list(client.summarize_many([("a", "Some article text.")]))
    assert caught.value.code is grpc.StatusCode.UNAUTHENTICATED


def test_health_needs_no_token(server):
    with Client(server.target, timeout=5, retries=0) as client:
        assert client.health() == "SERVING"
        client.wait_until_serving(timeout=5)


async def test_async_client_sends_its_token(server):
    async with AsyncClient(server.target, token=ALICE, timeout=10, retries=0) as client:
        assert list((await client.translate(["Hi."], "es")).translations) == ["Hi."]
    async with AsyncClient(server.target, timeout=5, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            await client.translate(["Hi."], "es")
    assert caught.value.code is grpc.StatusCode.UNAUTHENTICATED


def test_the_cli_takes_a_token_by_flag_or_environment(server, monkeypatch, capsys):
    argv = ["--target", server.target, "translate", "--to", "es", "Hi."]
    assert cli_main(["--token", ALICE, *argv]) == 0
    monkeypatch.setenv("TIDINGS_TOKEN", ALICE)
    assert cli_main(argv) == 0
    monkeypatch.setenv("TIDINGS_TOKEN", BOB)
    assert cli_main(argv) == 1
    assert "UNAUTHENTICATED" in capsys.readouterr().err


def test_the_file_format():
    text = "# comment\n\n" + _line("alice", ALICE) + "  " + _line("bob", BOB) + "x:ab # no\n"
    with pytest.raises(ValueError, match="line 5: expected NAME:SHA256HEX") as caught:
        parse_tokens(text, "tokens")
    assert "x:ab" not in str(caught.value)
    entries = parse_tokens(text.rsplit("x:ab", 1)[0], "tokens")
    assert [name for name, _ in entries] == ["alice", "bob"]
    with pytest.raises(ValueError, match="'alice' is used twice"):
        parse_tokens(_line("alice", ALICE) + _line("alice", BOB), "tokens")


def test_reload_swaps_the_tokens_and_keeps_them_when_the_file_is_bad(tmp_path):
    path = tmp_path / "tokens"
    path.write_text(_line("alice", ALICE))
    tokens = TokenFile(str(path))
    assert (tokens.caller(ALICE), tokens.caller(BOB)) == ("alice", None)
    path.write_text(_line("bob", BOB))
    assert tokens.reload()
    assert (tokens.caller(ALICE), tokens.caller(BOB)) == (None, "bob")
    path.write_text("bob:not-a-digest\n")
    assert not tokens.reload()
    assert tokens.caller(BOB) == "bob"  # a typo does not lock every caller out


def _code(target: str, token: str) -> grpc.StatusCode:
    """The status of one call; the server may still be loading models (UNAVAILABLE): only
    UNAUTHENTICATED or not matters here."""
    with Client(target, token=token, timeout=5, retries=0) as client:
        try:
            client.languages()
        except TidingsError as err:
            return err.code
    return grpc.StatusCode.OK


def test_sighup_rereads_the_tokens_file_in_a_server_process(tmp_path):
    path = tmp_path / "tokens"
    path.write_text(_line("alice", ALICE))
    server = start_server(
        "--host", "127.0.0.1", "--profile", "offline", "--workers", "1",
        "--auth-tokens-file", str(path),
    )  # fmt: skip
    try:
        with Client(server.target, timeout=5, retries=0) as client:
            deadline = time.monotonic() + 60
            while True:  # listening: health answers (NOT_SERVING while models load)
                try:
                    client.health()
                    break
                except TidingsError:
                    assert server.proc.poll() is None, "the server exited"
                    assert time.monotonic() < deadline, "the server never listened"
                    time.sleep(0.1)
        unauthenticated = grpc.StatusCode.UNAUTHENTICATED
        assert _code(server.target, ALICE) is not unauthenticated
        assert _code(server.target, BOB) is unauthenticated
        path.write_text(_line("bob", BOB))
        server.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while _code(server.target, BOB) is unauthenticated:
            assert time.monotonic() < deadline, "SIGHUP did not reload the tokens"
            time.sleep(0.1)
        assert _code(server.target, ALICE) is unauthenticated
        assert server.proc.poll() is None  # SIGHUP reloads; it does not stop the server
    finally:
        server.stop()


def test_a_bad_tokens_file_stops_the_server_with_one_line(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "tokens"
    path.write_text(f"alice:{ALICE}\n")  # the token itself, not its digest
    command = [sys.executable, "-m", "tidings.service", "--port", "0", "--profile", "offline"]
    done = subprocess.run(
        [*command, "--auth-tokens-file", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and ALICE not in done.stderr
    assert f"tidings serve: auth_tokens_file {path} line 1: expected NAME:SHA256HEX" in done.stderr
