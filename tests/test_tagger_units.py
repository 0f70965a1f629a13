"""The trained tagger's pure parts: windows, labels, BIO decoding and linking (no model)."""

from __future__ import annotations

import math

import pytest
from tidings.models.attribution.linking import link
from tidings.models.attribution.tagger_data import (
    BEGIN,
    INSIDE,
    OUTSIDE,
    decode_bio,
    gold_spans,
    merge_touching,
    owner_windows,
    spans_of,
    windows,
    word_labels,
)


@pytest.mark.parametrize(
    ("n", "size", "stride"), [(0, 10, 5), (7, 10, 5), (10, 10, 5), (11, 10, 5), (1000, 254, 224)]
)
def test_windows_cover_every_piece_and_owners_are_central(n, size, stride):
    spans = windows(n, size, stride)
    covered = {i for w in spans for i in range(w.start, w.end)}
    assert covered == set(range(n))
    assert all(w.end - w.start <= size for w in spans)
    owner = owner_windows(n, spans)
    for i, w in enumerate(owner):
        window = spans[w]
        margin = min(i - window.start, window.end - 1 - i)
        # No other window holds the piece further from its edges.
        assert all(min(i - o.start, o.end - 1 - i) <= margin for o in spans if o.start <= i < o.end)


def test_word_labels_begin_inside_and_merge_touching_spans():
    words = [(0, 3), (4, 8), (9, 12), (13, 17), (18, 20)]
    assert word_labels(words, [(4, 12)]) == [OUTSIDE, BEGIN, INSIDE, OUTSIDE, OUTSIDE]
    # Nested spans of one field read as one (the outer).
    assert word_labels(words, [(0, 17), (9, 12)]) == [BEGIN, INSIDE, INSIDE, INSIDE, OUTSIDE]
    assert word_labels(words, [(0, 3), (4, 8)]) == [BEGIN, BEGIN, OUTSIDE, OUTSIDE, OUTSIDE]


def test_gold_spans_use_fragments_of_interrupted_quotes():
    gold = [
        {"content_span": [0, 30], "content_fragments": [[0, 10], [20, 30]], "cue_span": [12, 16]},
        {"content_span": [40, 50], "cue_span": None},
    ]
    assert gold_spans(gold, "content") == [(0, 10), (20, 30), (40, 50)]
    assert gold_spans(gold, "cue") == [(12, 16)]


def _scores(tags_probs):
    return [[math.log(p) for p in row] for row in tags_probs]


def test_decode_bio_never_starts_a_span_with_inside():
    # The argmax would read O I I; the constrained pass must begin the span instead.
    scores = _scores([[0.9, 0.05, 0.05], [0.2, 0.35, 0.45], [0.1, 0.1, 0.8]])
    tags = decode_bio(scores)
    assert tags[0] == OUTSIDE and tags[1] == BEGIN and tags[2] == INSIDE
    assert decode_bio([]) == []


def test_spans_of_gives_word_and_char_bounds():
    words = [(0, 2), (3, 6), (7, 9), (10, 14)]
    assert spans_of([BEGIN, INSIDE, OUTSIDE, BEGIN], words) == [(0, 2, 0, 6), (3, 4, 10, 14)]


def _at(text, piece, p=0.9, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return (start, start + len(piece), p)


LINK_CASES = [
    # (text, sources, cues, contents, expected (source, cue, [fragments]))
    (
        "The minister said the plan would fail.",
        ["The minister"],
        ["said"],
        ["the plan would fail"],
        [("The minister", "said", ["the plan would fail"])],
    ),
    (
        '"We will win," she said, "and soon."',
        ["she"],
        ["said"],
        ['"We will win,"', '"and soon."'],
        [("she", "said", ['"We will win,"', '"and soon."'])],
    ),
    (
        "Prices will rise, said Ann Lee, an economist.",
        ["Ann Lee, an economist"],
        ["said"],
        ["Prices will rise"],
        [("Ann Lee, an economist", "said", ["Prices will rise"])],
    ),
    (
        "Officials said on Tuesday that talks stalled. Nobody was hurt.",
        ["Officials"],
        ["said"],
        ["talks stalled"],
        [("Officials", "said", ["talks stalled"])],
    ),
    # A cue with no content is no attribution; a content near no cue neither.
    (
        "He declined to comment.\n\nThe economy grew by two percent last year in the north.",
        ["He"],
        ["declined to comment"],
        ["two percent last year"],
        [],
    ),
]


@pytest.mark.parametrize(("text", "sources", "cues", "contents", "expected"), LINK_CASES)
def test_link_table(text, sources, cues, contents, expected):
    spans = {
        "source": [_at(text, s) for s in sources],
        "cue": [_at(text, c) for c in cues],
        "content": [_at(text, c) for c in contents],
    }
    sentences = [(0, len(text))]
    found = link(text, spans, sentences)
    got = [
        (
            text[slice(*f.source)] if f.source else None,
            text[slice(*f.cue)],
            [text[a:b] for a, b in f.fragments],
        )
        for f in found
    ]
    assert got == expected
    for f in found:
        assert f.content == (f.fragments[0][0], f.fragments[-1][1])
        assert 0 < f.confidence <= 1


def test_link_gives_each_cue_the_source_of_its_own_clause():
    text = "Smith said taxes rise and Jones said they fall."
    spans = {
        "source": [_at(text, "Smith"), _at(text, "Jones")],
        "cue": [_at(text, "said"), _at(text, "said", nth=1)],
        "content": [_at(text, "taxes rise"), _at(text, "they fall")],
    }
    found = link(text, spans, [(0, len(text))])
    assert [(text[slice(*f.source)], text[slice(*f.content)]) for f in found] == [
        ("Smith", "taxes rise"),
        ("Jones", "they fall"),
    ]


def test_merge_touching_joins_spans_split_only_by_spaces():
    text = "The billionaire businessman, Jones and Smith said"
    spans = [(0, 3, 0.6), (4, 27, 0.8), (29, 34, 0.9), (39, 44, 0.7)]
    merged = merge_touching(spans, text)
    assert [text[a:b] for a, b, _ in merged] == ["The billionaire businessman", "Jones", "Smith"]
    assert merged[0][2] == pytest.approx(0.7)
