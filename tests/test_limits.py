"""Per-caller limits (issue 14 item 3) against real servers on port 0: a token bucket per caller
and a cap on a caller's calls in progress, refused RESOURCE_EXHAUSTED with a RetryInfo detail
that Client and AsyncClient wait out before retrying."""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status
from tidings.client import AsyncClient, Client, TidingsError
from tidings.service.config import Settings, load_settings
from tidings.service.limits import CONCURRENCY_RETRY_S, CallerLimits, Throttled, peer_key
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

from tests.server_harness import ServerThread

EXHAUSTED = grpc.StatusCode.RESOURCE_EXHAUSTED


class _Slow:
    """A pipeline double: Translate echoes, after the seconds the first text names ("0.5");
    no texts is INVALID_ARGUMENT."""

    def translate(self, texts, target, source=None):
        from tidings.models.base import InvalidInput
        from tidings.service.language_choice import LanguageChoice
        from tidings.service.pipeline import TranslateResult

        if not texts:
            raise InvalidInput("texts is empty")
        try:
            time.sleep(float(texts[0]))
        except ValueError:
            pass
        return TranslateResult(LanguageChoice("en", False, 1.0), tuple(texts), "double", None)


def _retry_info(err: grpc.RpcError) -> float:
    status = rpc_status.from_call(err)
    assert status is not None, "RESOURCE_EXHAUSTED without a google.rpc.Status"
    for detail in status.details:
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            return info.retry_delay.ToNanoseconds() / 1e9
    raise AssertionError("no RetryInfo detail")


def _translate(stub, text="hello", metadata=()):
    request = pb.TranslateRequest(texts=[text], target_language="es")
    return stub.Translate(request, timeout=10, metadata=metadata)


# -- the bucket alone, on a clock the test moves -------------------------------------------


def test_bucket_refills_at_the_rate_and_caps_at_the_burst():
    now = [100.0]
    limits = CallerLimits(rate=2.0, burst=3, max_calls=0, clock=lambda: now[0])
    for _ in range(3):
        limits.acquire("a")
        limits.release("a")
    with pytest.raises(Throttled) as refused:
        limits.acquire("a")
    assert refused.value.retry_after == pytest.approx(0.5)
    limits.acquire("b")  # another caller has its own bucket
    now[0] += 0.25
    with pytest.raises(Throttled) as refused:
        limits.acquire("a")
    assert refused.value.retry_after == pytest.approx(0.25)
    now[0] += 0.25
    limits.acquire("a")
    now[0] += 60  # a long pause fills the bucket to the burst, never beyond
    for _ in range(3):
        limits.acquire("a")
    with pytest.raises(Throttled):
        limits.acquire("a")


def test_cap_counts_calls_in_progress_and_refusals_take_nothing():
    limits = CallerLimits(rate=0, burst=0, max_calls=2)
    limits.acquire("a")
    limits.acquire("a")
    with pytest.raises(Throttled) as refused:
        limits.acquire("a")
    assert refused.value.retry_after == CONCURRENCY_RETRY_S
    limits.release("a")
    limits.acquire("a")
    assert limits.callers["a"].in_progress == 2


def test_idle_callers_are_forgotten_past_the_table_size(monkeypatch):
    monkeypatch.setattr("tidings.service.limits.PRUNE_ABOVE", 4)
    limits = CallerLimits(rate=0, burst=0, max_calls=1)
    limits.acquire("busy")
    for i in range(10):
        limits.acquire(f"once-{i}")
        limits.release(f"once-{i}")
    assert len(limits.callers) <= 5 and limits.callers["busy"].in_progress == 1


def test_peer_key_drops_the_port():
    assert peer_key("ipv4:127.0.0.1:50432") == "ipv4:127.0.0.1"
    assert peer_key("ipv6:[::1]:50432") == "ipv6:[::1]"
    assert peer_key("unix:/tmp/s") == "unix:/tmp/s"


def test_settings_from_flags_and_environment():
    settings = load_settings(
        ["--rate-per-caller", "2.5", "--max-calls-per-caller", "3"],
        env={"TIDINGS_BURST_PER_CALLER": "5"},
    )
    assert (settings.rate_per_caller, settings.burst_per_caller) == (2.5, 5)
    assert settings.max_calls_per_caller == 3
    assert CallerLimits.from_settings(Settings()) is None  # off by default
    with pytest.raises(ValueError, match="max_calls_per_caller"):
        load_settings(["--max-calls-per-caller", "-1"], env={})


# -- through a real server -----------------------------------------------------------------


@pytest.fixture()
def rated():
    settings = Settings(workers=2, rate_per_caller=2.0, burst_per_caller=3)
    with ServerThread(settings, _Slow()) as running:
        yield running


def test_rate_refused_with_retry_info_and_health_stays_open(rated):
    with grpc.insecure_channel(rated.target) as one, grpc.insecure_channel(rated.target) as two:
        stub = pb_grpc.TidingsStub(one)
        for _ in range(3):
            _translate(stub)
        # A second connection from the same host is the same caller.
        with pytest.raises(grpc.RpcError) as refused:
            _translate(pb_grpc.TidingsStub(two))
        assert refused.value.code() is EXHAUSTED
        assert "rate" in refused.value.details()
        assert 0 < _retry_info(refused.value) <= 0.5
        health = health_pb2_grpc.HealthStub(one)
        for _ in range(5):  # probes are never limited
            answer = health.Check(health_pb2.HealthCheckRequest(), timeout=5)
            assert answer.status == health_pb2.HealthCheckResponse.SERVING
    with Client(rated.target, timeout=10, retries=0) as client:
        with pytest.raises(TidingsError) as err:
            client.translate(["hello"], "es")
        assert err.value.code is EXHAUSTED and 0 < err.value.retry_after <= 0.5


def test_clients_wait_out_the_hint_and_then_succeed(rated):
    with Client(rated.target, timeout=10, retries=0) as client:
        for _ in range(3):
            client.translate(["hello"], "es")
    with Client(rated.target, timeout=10, retries=4, backoff=0.01) as client:
        started = time.monotonic()
        assert list(client.translate(["hello"], "es").translations) == ["hello"]
        # The bucket was empty: one call in 0.5 s at 2/s. Not sooner than the hint.
        assert time.monotonic() - started >= 0.3

    async def burst() -> list[str]:
        async with AsyncClient(rated.target, timeout=10, retries=6, backoff=0.01) as client:
            answers = await asyncio.gather(*(client.translate([f"t{i}"], "es") for i in range(4)))
            return [a.translations[0] for a in answers]

    started = time.monotonic()
    assert sorted(asyncio.run(burst())) == ["t0", "t1", "t2", "t3"]
    assert time.monotonic() - started >= 1.0  # four calls through an empty 2/s bucket


def test_a_client_that_cannot_wait_gets_the_refusal(rated):
    with Client(rated.target, timeout=0.3, retries=5) as client:
        with pytest.raises(TidingsError) as err:
            for _ in range(5):
                client.translate(["hello"], "es")
    assert err.value.code is EXHAUSTED  # a retry would outlast the deadline: not tried


def test_each_token_name_has_its_own_bucket(tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(
        "".join(f"{n}:{hashlib.sha256(n.encode()).hexdigest()}\n" for n in ("alice", "bob"))
    )
    settings = Settings(workers=2, rate_per_caller=1.0, auth_tokens_file=str(tokens))
    with ServerThread(settings, _Slow()) as running:
        with Client(running.target, token="alice", retries=0) as alice:
            alice.translate(["hello"], "es")
            with pytest.raises(TidingsError) as err:
                alice.translate(["hello"], "es")
            assert err.value.code is EXHAUSTED
        with Client(running.target, token="bob", retries=0) as bob:  # same host, own bucket
            bob.translate(["hello"], "es")
        with Client(running.target, token="nobody", retries=0) as stranger:
            with pytest.raises(TidingsError) as err:
                stranger.translate(["hello"], "es")
            assert err.value.code is grpc.StatusCode.UNAUTHENTICATED


def test_concurrency_cap_per_caller_through_a_real_server():
    settings = Settings(workers=4, max_calls_per_caller=1)
    with ServerThread(settings, _Slow()) as running:
        with grpc.insecure_channel(running.target) as channel:
            stub = pb_grpc.TidingsStub(channel)
            slow = threading.Thread(target=_translate, args=(stub, "1.0"))
            slow.start()
            time.sleep(0.3)
            with pytest.raises(grpc.RpcError) as refused:
                _translate(stub)
            assert refused.value.code() is EXHAUSTED and "in progress" in refused.value.details()
            assert _retry_info(refused.value) == pytest.approx(CONCURRENCY_RETRY_S)
            # The retrying client waits for the slot instead of failing.
            with Client(running.target, timeout=10, retries=8, backoff=0.05) as client:
                assert list(client.translate(["0"], "es").translations) == ["0"]
            slow.join()
            # Failed calls and streams give their slot back too.
            with pytest.raises(grpc.RpcError) as bad:
                stub.Translate(pb.TranslateRequest(texts=[], target_language="es"), timeout=5)
            assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT
            answers = list(stub.SummarizeStream(iter([pb.SummarizeStreamRequest()]), timeout=5))
            assert [a.HasField("error") for a in answers] == [True]
            _translate(stub, "0")
