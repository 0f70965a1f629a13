"""A SummarizeStream caller that stops reading (issue 14 item 3): the server stops starting
items once the transport's flow-control window is full, so it never buffers answers without
bound; when the caller reads again every item arrives, each exactly once. A real server
(port 0) over the real offline engines; a counting double only records how many items began."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import grpc
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

from tests.server_harness import ServerThread

ARTICLE = (
    "The mayor said on Tuesday that the old bridge would reopen next week after repairs. "
    "Engineers found cracks in two of its pillars in March, according to the city council. "
    "Traffic has been diverted through the harbour district since then. "
    "Shop owners said the detour had cost them customers for months."
)
ITEMS = 90


class _Counting:
    """The real pipeline; counts the summaries begun."""

    def __init__(self, real) -> None:
        self.real = real
        self.engines = real.engines
        self.source_languages = real.source_languages
        self.begun = 0
        self._lock = threading.Lock()

    def summarize(self, request):
        with self._lock:
            self.begun += 1
        return self.real.summarize(request)


def _settled(read, quiet_s: float = 2.0, limit_s: float = 120.0) -> int:
    """read() once it has not changed for quiet_s seconds."""
    end = time.monotonic() + limit_s
    last, since = read(), time.monotonic()
    while time.monotonic() < end:
        time.sleep(0.2)
        now = read()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return now
    raise AssertionError(f"still changing after {limit_s} s: {last}")


def test_a_caller_that_stops_reading_holds_the_server_to_the_window(offline_settings, pipeline):
    counting = _Counting(pipeline)
    requests = (
        pb.SummarizeStreamRequest(
            id=str(i),
            request=pb.SummarizeRequest(
                article=pb.Article(text=ARTICLE, language="en"), target_languages=["en", "es"]
            ),
        )
        for i in range(ITEMS)
    )
    # BDP probing off keeps the caller's receive window at HTTP/2's 64 KiB (else it grows to
    # megabytes and the test would need thousands of items to fill it); answers are ~1.9 KB.
    options = [("grpc.http2.bdp_probe", 0)]
    with (
        ServerThread(replace(offline_settings, workers=2), counting) as server,
        grpc.insecure_channel(server.target, options=options) as channel,
    ):
        answers = pb_grpc.TidingsStub(channel).SummarizeStream(requests, timeout=300)
        # Nothing read: the server fills the window, then stops starting items.
        stalled = _settled(lambda: counting.begun)
        assert 0 < stalled < ITEMS // 2, stalled
        time.sleep(1.0)
        assert counting.begun == stalled
        ids = [answer.id for answer in answers]  # reading again: the rest flows
    assert sorted(ids, key=int) == [str(i) for i in range(ITEMS)]
    assert counting.begun == ITEMS
