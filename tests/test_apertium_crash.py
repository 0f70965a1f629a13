"""A text that kills a stage of an Apertium chain (models/translators/apertium_crash.py): the
other texts are translated, the sentence that kills it comes back unknown, never empty."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.apertium_chain import ModeChain
from tidings.models.translators.apertium_crash import sentences
from tidings.models.translators.apertium_modes import ApertiumError
from tidings.models.translators.apertium_stream import marked_all, marked_words

# A stage that writes each NUL-framed request back in upper case, and crashes (SIGSEGV, as
# eng-cat's apertium-postchunk does) on a request holding "boom"; then one that, like lt-proc,
# passes requests on and answers a last, empty one when its input ends.
CRASHER = r"""
import os, signal, sys
buf = b""
while chunk := os.read(0, 4096):
    buf += chunk
    while b"\0" in buf:
        req, buf = buf.split(b"\0", 1)
        if b"TRIGGER" in req.lower():
            os.kill(os.getpid(), signal.SIGSEGV)
        os.write(1, req.upper() + b"\0")
"""
PASSER = r"""
import os
while chunk := os.read(0, 4096):
    os.write(1, chunk)
os.write(1, b"\0")
"""


def _chain(trigger: str = "boom") -> ModeChain:
    crasher = [sys.executable, "-c", CRASHER.replace("TRIGGER", trigger)]
    stages = [crasher, [sys.executable, "-c", PASSER]]
    return ModeChain("fake", Path("/nonexistent.mode"), timeout_s=10.0, stages=stages)


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("One. Two! Three?[]", ["One.", " Two!", " Three?[]"]),
        ("No end", ["No end"]),
        # Never inside a superblank or after an escaped stop.
        ("A [<b>. x</b>] b. C\\. d.[]", ["A [<b>. x</b>] b.", " C\\. d.[]"]),
    ],
)  # fmt: skip
def test_a_piece_is_cut_into_sentences_that_join_back(piece: str, expected: list[str]) -> None:
    assert sentences(piece) == expected
    assert "".join(sentences(piece)) == piece


def test_unknown_marks_words_but_not_blanks_or_escapes() -> None:
    marked = marked_all("They left [<b>]now[</b>]. \\[x\\] 25 it's[]")
    assert marked == "*They *left [<b>]*now[</b>]. \\[*x\\] 25 *it's[]"
    assert [w for *_, w in marked_words(marked)] == ["They", "left", "now", "x", "it's"]


def test_a_text_that_kills_a_stage_costs_only_its_sentence() -> None:
    chain = _chain()
    try:
        out = chain.run(["first text.", "it went boom. then calm.", "third."])
        assert out == ["FIRST TEXT.[]", "*it *went *boom.[] THEN CALM.[]", "THIRD.[]"]
        # The chain was restarted and serves on.
        assert chain.run(["again."]) == ["AGAIN.[]"]
    finally:
        chain.close()


def test_a_chain_that_dies_on_anything_is_an_error() -> None:
    chain = _chain(trigger="")  # every request holds ""
    try:
        with pytest.raises(ApertiumError, match="keeps dying"):
            chain.run(["anything."])
    finally:
        chain.close()


@pytest.mark.skipif(("en", "ca") not in installed_pairs(), reason="apertium-eng-cat not installed")
def test_a_sentence_eng_cat_crashes_on_is_not_dropped() -> None:
    # apertium-eng-cat's postchunk (3.8) segfaults on this sentence; it had come back empty.
    with ApertiumTranslator() as engine:
        texts = ["The house is red.", "They are always complaining.", "The dog sleeps."]
        outs = engine.translate(texts, "en", "ca")
    assert "casa" in outs[0].text and "gos" in outs[2].text
    assert outs[1].text.strip() and outs[1].text.endswith(".")
