"""Work started ahead on a helper thread (models/ahead.py) and the encoders that use it."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from tidings.models.ahead import Ahead
from tidings.models.base import Document, Sentence, Span
from tidings.models.embedding import MiniLMEmbedder
from tidings.models.summarizers.centrality import CentralitySummarizer


def test_take_returns_what_was_started_on_another_thread():
    ahead: Ahead[str] = Ahead("t")
    seen: list[str] = []
    ahead.start("k", lambda: seen.append(threading.current_thread().name) or "early")
    assert ahead.take("k", lambda: "late") == "early"
    assert seen and seen[0].startswith("ahead-t")
    # Taken once: the next take does the work itself.
    assert ahead.take("k", lambda: "late") == "late"


def test_uncollected_work_is_forgotten_beyond_keep():
    ahead: Ahead[int] = Ahead("t", keep=2)
    for i in range(5):
        ahead.start(i, lambda i=i: i)
    assert ahead.take(0, lambda: -1) == -1
    assert ahead.take(4, lambda: -1) == 4


def test_errors_of_work_started_ahead_reach_the_taker():
    ahead: Ahead[int] = Ahead("t")

    def boom() -> int:
        raise ValueError("bad input")

    ahead.start("k", boom)
    with pytest.raises(ValueError, match="bad input"):
        ahead.take("k", lambda: 1)


def test_prefetched_embeddings_equal_plain_ones(embedder: MiniLMEmbedder):
    texts = ["The mayor said the bridge would reopen.", "Rain is expected on Friday.", "Hi."]
    plain = embedder.embed(texts)
    embedder.prefetch(texts)
    assert np.array_equal(embedder.embed(texts), plain)


def test_summarizer_prepares_exactly_what_it_embeds(embedder: MiniLMEmbedder):
    summarizer = CentralitySummarizer(embedder)
    text = (
        "The council approved the new budget on Monday after a long debate. "
        "The mayor said the plan would cut waiting times at clinics. "
        "Critics argued that the city could not afford the extra staff. "
        "A vote on the transport plan is expected next month."
    )
    sentences = []
    start = 0
    for piece in text.split(". "):
        piece = piece if piece.endswith(".") else piece + "."
        start = text.index(piece[:-1], start)
        sentences.append(Sentence(piece, Span(start, start + len(piece))))
    document = Document(text, "en", tuple(sentences), (), "Council passes budget")
    asked: list[tuple[str, ...]] = []
    original = embedder.embed
    embedder.embed = lambda texts: asked.append(tuple(texts)) or original(texts)  # type: ignore[method-assign]
    try:
        summarizer.prepare(document, 2)
        pending = list(embedder._ahead._pending)
        drafts = summarizer.summarize(document, 2)
    finally:
        del embedder.embed
    assert pending == asked  # what was started ahead is the very list summarize embedded
    assert drafts and len(drafts) <= 2
