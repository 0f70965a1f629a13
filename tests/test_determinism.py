"""A response depends only on its request: never on what else the server is doing, nor on what
it did before. The real server (offline engines, two model threads) gets eight different
articles one at a time, then all eight at once, three times over; every concurrent answer must
equal, field for field, the answer the same request got alone.

SummarizeResponse has no timing fields, so whole messages are compared.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from tidings.v1 import tidings_pb2 as pb

from tests.articles import ARTICLES

TARGETS = ["en", "es"]
ROUNDS = 3


def _summarize(client, text: str) -> pb.SummarizeResponse:
    # No language given: detection is part of what must not depend on other calls.
    return client.summarize(text, target_languages=TARGETS, max_sentences=3)


def _differences(name: str, alone: pb.SummarizeResponse, other: pb.SummarizeResponse) -> str:
    lines = [f"{name}: concurrent response differs from the response alone"]
    for a, b in zip(alone.summaries, other.summaries, strict=False):
        if a != b:
            lines.append(f"  [{a.language}] alone:      {a.text}")
            lines.append(f"  [{b.language}] concurrent: {b.text}")
    if list(alone.attributions) != list(other.attributions):
        lines.append("  attributions differ")
    return "\n".join(lines)


@pytest.fixture()
def frequent_thread_switches() -> Iterator[None]:
    # The GIL hands over every 5 ms by default, so two model threads rarely interleave inside
    # one short step; switching every 0.1 ms makes any state they share show up within a run.
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    yield
    sys.setswitchinterval(before)


def test_concurrent_summaries_equal_summaries_alone(client, server, frequent_thread_switches):
    assert server.settings.workers >= 2, "the check needs model threads running side by side"
    names = list(ARTICLES)
    alone = {name: _summarize(client, ARTICLES[name]) for name in names}
    for response in alone.values():
        assert [s.language for s in response.summaries] == TARGETS
        assert all(s.sentences for s in response.summaries)

    order = random.Random(13)
    problems: list[str] = []
    for _ in range(ROUNDS):
        order.shuffle(names)
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            answers = dict(
                zip(names, pool.map(lambda n: _summarize(client, ARTICLES[n]), names), strict=True)
            )
        problems += [_differences(n, alone[n], answers[n]) for n in names if answers[n] != alone[n]]
    assert not problems, "\n".join(problems)
