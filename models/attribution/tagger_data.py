"""Words, windows and BIO labels for the trained attribution tagger (no torch here).

Training and serving share this module, so the tagger sees an article the same way in both:
the encoder's fast tokenizer cuts the text into words (its pre-tokenizer: whitespace and
punctuation) and word pieces; labels live on words; an article longer than the encoder's window
is read in overlapping windows, and each word is decided in the window where it sits furthest
from an edge, so nothing is lost at a window boundary.

Offsets are code points of the text as sent: the tokenizer's offsets are Python ``str``
indices, and the text is never normalised before tokenizing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .spans import SpanT

FIELDS = ("source", "cue", "content")
# Per field: O, B, I.
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
IGNORE = -100


@dataclass(frozen=True)
class Encoded:
    """One article as word pieces: ids, each piece's word (or None) and each word's span."""

    ids: list[int]
    word_of: list[int | None]
    words: list[SpanT]


@dataclass(frozen=True)
class Window:
    """A slice of an article's pieces, wrapped in [CLS] ... [SEP] by ``input_ids``."""

    start: int  # first piece (index into Encoded.ids)
    end: int  # one past the last piece


def encode(tokenizer: object, text: str) -> Encoded:
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)  # type: ignore[operator]
    ids: list[int] = enc["input_ids"]
    offsets: list[tuple[int, int]] = enc["offset_mapping"]
    word_ids = enc.word_ids()
    words: list[SpanT] = []
    word_of: list[int | None] = []
    last: int | None = None
    for (start, end), word in zip(offsets, word_ids, strict=True):
        if word is None:
            word_of.append(None)
            continue
        if word != last:
            words.append((start, end))
            last = word
        else:
            words[-1] = (words[-1][0], max(words[-1][1], end))
        word_of.append(len(words) - 1)
    return Encoded(ids, word_of, words)


def windows(n_pieces: int, size: int, stride: int) -> list[Window]:
    """Windows of at most ``size`` pieces, each ``stride`` after the last, covering all."""
    if n_pieces <= size:
        return [Window(0, n_pieces)]
    out = []
    start = 0
    while True:
        end = min(start + size, n_pieces)
        out.append(Window(start, end))
        if end == n_pieces:
            return out
        start += stride


def owner_windows(n_pieces: int, spans: Sequence[Window]) -> list[int]:
    """For each piece, the window where it is furthest from either edge."""
    best = [-1] * n_pieces
    margin = [-1] * n_pieces
    for w, window in enumerate(spans):
        for i in range(window.start, window.end):
            m = min(i - window.start, window.end - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, w
    return best


def first_pieces(encoded: Encoded) -> list[int]:
    """The first piece of every word, in word order: where a word's label is read."""
    firsts: list[int] = []
    seen = -1
    for i, word in enumerate(encoded.word_of):
        if word is not None and word != seen:
            firsts.append(i)
            seen = word
    return firsts


def word_labels(words: Sequence[SpanT], spans: Iterable[SpanT]) -> list[int]:
    """BIO tags of words for one field: a word is inside a span when it overlaps it, and a
    span's first word begins it unless a word just before is inside another span of the
    field (nested or touching spans are read as one)."""
    tags = [OUTSIDE] * len(words)
    for start, end in sorted(spans):
        first = True
        for w, (a, b) in enumerate(words):
            if b <= start or a >= end:
                continue
            if first and tags[w] == OUTSIDE:
                tags[w] = BEGIN
            elif tags[w] == OUTSIDE:
                tags[w] = INSIDE
            first = False
    return tags


def gold_spans(attributions: Iterable[dict], field: str) -> list[SpanT]:
    """Every span of one field in a gold record list, interrupted pieces one by one."""
    out: list[SpanT] = []
    for a in attributions:
        pieces = a.get(f"{field}_fragments") or (
            [a[f"{field}_span"]] if a.get(f"{field}_span") else []
        )
        out.extend((int(s), int(e)) for s, e in pieces)
    return out


def decode_bio(scores: Sequence[Sequence[float]]) -> list[int]:
    """The best tag sequence under log-probabilities ``scores[word][tag]`` in which I only
    follows B or I (Viterbi over three states)."""
    n = len(scores)
    if n == 0:
        return []
    neg = float("-inf")
    best = [scores[0][OUTSIDE], scores[0][BEGIN], neg]
    back: list[list[int]] = []
    for w in range(1, n):
        row = [neg, neg, neg]
        ptr = [0, 0, 0]
        for prev in (OUTSIDE, BEGIN, INSIDE):
            for tag in (OUTSIDE, BEGIN, INSIDE):
                if tag == INSIDE and prev == OUTSIDE:
                    continue  # the one transition BIO forbids
                value = best[prev] + scores[w][tag]
                if value > row[tag]:
                    row[tag], ptr[tag] = value, prev
        back.append(ptr)
        best = row
    tag = max(range(3), key=lambda t: best[t])
    tags = [tag]
    for ptr in reversed(back):
        tag = ptr[tag]
        tags.append(tag)
    return tags[::-1]


def spans_of(tags: Sequence[int], words: Sequence[SpanT]) -> list[tuple[int, int, int, int]]:
    """(first word, last word + 1, char start, char end) of each tagged span."""
    out = []
    start: int | None = None
    for w, tag in enumerate([*tags, OUTSIDE]):
        if start is not None and tag != INSIDE:
            out.append((start, w, words[start][0], words[w - 1][1]))
            start = None
        if tag == BEGIN:
            start = w
    return out


def merge_touching(
    spans: Sequence[tuple[int, int, float]], text: str
) -> list[tuple[int, int, float]]:
    """Join spans of one field that only whitespace separates ("The" + "billionaire
    businessman"): the tagger sometimes begins a span twice, and no two sources, cues or
    contents stand side by side without a word or mark between them."""
    out: list[tuple[int, int, float]] = []
    for span in sorted(spans):
        if out and span[0] >= out[-1][1] and not text[out[-1][1] : span[0]].strip():
            last = out[-1]
            out[-1] = (last[0], span[1], (last[2] + span[2]) / 2)
        else:
            out.append(span)
    return out
