"""SIGTERM honours grace_period_s (issue 14 item 4): a call still running when the grace period
ends is cut short, its caller told UNAVAILABLE because the server is shutting down, every log
line stays JSON, nothing is logged after "stopped", and the process exits within grace + 2 s.
An open stream ends the same way. A real server process (worker processes, offline engines)."""

from __future__ import annotations

import json
import signal
import threading
import time

import grpc
from tidings.service.process import start_server
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

from tests import articles

GRACE_S = 1.0
TARGETS = ["es", "fr", "ca", "gl"]


def _long_article() -> str:
    texts = [v for k, v in vars(articles).items() if k.isupper() and isinstance(v, str)]
    article = "\n\n".join(texts)
    return "\n\n".join([article] * max(1, 60_000 // len(article)))


def test_sigterm_cuts_a_slow_call_at_the_end_of_the_grace_period(tmp_path):
    log_path = tmp_path / "server.log"
    with open(log_path, "w", encoding="utf-8") as log_file:
        server = start_server(
            "--grace-period-s",
            str(GRACE_S),
            "--workers",
            "1",
            env={"TIDINGS_PROFILE": "offline"},
            log_level="INFO",
            stderr=log_file,
        )
        proc = server.proc
        try:
            server.wait_until_serving(180)
            request = pb.SummarizeRequest(
                article=pb.Article(text=_long_article(), language="en"), target_languages=TARGETS
            )
            outcome: list[grpc.RpcError | pb.SummarizeResponse] = []
            with grpc.insecure_channel(server.target) as channel:
                stub = pb_grpc.TidingsStub(channel)

                def call() -> None:
                    try:
                        outcome.append(stub.Summarize(request, timeout=120))
                    except grpc.RpcError as err:
                        outcome.append(err)

                hold = threading.Event()  # the stream stays open, its one item unanswered

                def items():
                    yield pb.SummarizeStreamRequest(id="one", request=request)
                    hold.wait(30)

                def stream() -> None:
                    try:
                        streamed.extend(stub.SummarizeStream(items(), timeout=120))
                    except grpc.RpcError as err:
                        streamed.append(err)

                streamed: list[object] = []
                caller = threading.Thread(target=call)
                streamer = threading.Thread(target=stream)
                started = time.monotonic()
                caller.start()
                time.sleep(0.2)  # the stream's item queues behind the call
                streamer.start()
                time.sleep(1.0)  # the call is in a worker now
                signalled = time.monotonic()
                proc.send_signal(signal.SIGTERM)
                code = proc.wait(30)
                exited = time.monotonic() - signalled
                caller.join(30)
                hold.set()
                streamer.join(30)
        finally:
            if proc.poll() is None:
                proc.kill()
    print(f"exited {exited:.2f} s after SIGTERM (grace {GRACE_S} s)")
    assert code == 0
    assert exited <= GRACE_S + 2, f"exited {exited:.2f} s after SIGTERM"
    assert len(outcome) == 1
    err = outcome[0]
    assert isinstance(err, grpc.RpcError), (
        f"the call finished in {time.monotonic() - started:.1f} s: not slow enough to test"
    )
    assert err.code() is grpc.StatusCode.UNAVAILABLE
    assert "shutting down" in err.details()
    # An open stream is a call in progress too: it ends the same way, with the reason.
    assert len(streamed) == 1 and isinstance(streamed[0], grpc.RpcError), streamed
    assert streamed[0].code() is grpc.StatusCode.UNAVAILABLE
    assert "shutting down" in streamed[0].details()
    lines = log_path.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line)["event"] for line in lines]  # every line is JSON
    assert "grace period over: ending calls in progress" in events
    assert events[-1] == "stopped", f"logged after 'stopped': {events[events.index('stopped') :]}"
    assert "summarized" not in events
