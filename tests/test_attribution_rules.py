"""CueRuleExtractor: quotes, reported speech and "según"-style cues in eight languages."""

from __future__ import annotations

import pytest
from tidings.models.attribution.rules import CueRuleExtractor
from tidings.models.base import Attribution, AttributionExtractor, AttributionKind, Unsupported


@pytest.fixture(scope="module")
def extractor() -> CueRuleExtractor:
    return CueRuleExtractor()


def _check(text: str, found: list[Attribution]) -> None:
    for a in found:
        assert text[a.content_span.start : a.content_span.end] == a.content
        assert a.source_span is not None and text[a.source_span.start : a.source_span.end] == (
            a.source
        )
        assert a.cue_span is not None and text[a.cue_span.start : a.cue_span.end] == a.cue


def test_protocol(extractor):
    assert isinstance(extractor, AttributionExtractor)
    assert extractor.languages() == {"es", "fr", "it", "pt", "ca", "gl", "ro", "de"}
    with pytest.raises(Unsupported):
        extractor.extract("He said so.", "en")


@pytest.mark.parametrize(
    ("language", "text", "source", "cue", "content", "named"),
    [
        (
            "es",
            "«La economía crecerá este año», dijo el ministro de Economía.",
            "el ministro de Economía",
            "dijo",
            "«La economía crecerá este año»",
            False,
        ),
        (
            "fr",
            "« Nous ne céderons pas », a déclaré Emmanuel Macron.",
            "Emmanuel Macron",
            "a déclaré",
            "« Nous ne céderons pas »",
            True,
        ),
        (
            "it",
            '"Non ci sono alternative", ha detto Giuseppe Conte.',
            "Giuseppe Conte",
            "ha detto",
            '"Non ci sono alternative"',
            True,
        ),
        (
            "pt",
            'O ministro disse: "Vamos vencer."',
            "O ministro",
            "disse",
            '"Vamos vencer."',
            False,
        ),
        ("ca", '"Ho farem", va dir Pere Aragonès.', "Pere Aragonès", "va dir", '"Ho farem"', True),
        ("gl", '"Imos gañar", dixo Ana Pontón.', "Ana Pontón", "dixo", '"Imos gañar"', True),
        (
            "ro",
            '"Vom reuși", a declarat Klaus Iohannis.',
            "Klaus Iohannis",
            "a declarat",
            '"Vom reuși"',
            True,
        ),
        (
            "de",
            "„Wir schaffen das“, sagte ein Sprecher.",
            "ein Sprecher",
            "sagte",
            "„Wir schaffen das“",
            False,
        ),
    ],
)
def test_direct_quotes(extractor, language, text, source, cue, content, named):
    found = extractor.extract(text, language)
    _check(text, found)
    assert len(found) == 1
    a = found[0]
    assert (a.source, a.cue, a.content, a.source_named) == (source, cue, content, named)
    assert a.kind is AttributionKind.DIRECT


def test_according_before_and_after(extractor):
    text = (
        "Según fuentes del Gobierno, el plan se aprobará en marzo. "
        "La inflación bajará al 3 %, según el Banco de España."
    )
    found = extractor.extract(text, "es")
    _check(text, found)
    assert [(a.source, a.content) for a in found] == [
        ("fuentes del Gobierno", "el plan se aprobará en marzo"),
        ("el Banco de España", "La inflación bajará al 3 %"),
    ]
    assert not found[0].source_named and found[1].source_named


def test_german_postposed_and_laut(extractor):
    text = "Der Regierung zufolge steigt die Zahl der Arbeitslosen. Laut Reuters ist der Plan tot."
    found = extractor.extract(text, "de")
    _check(text, found)
    assert [(a.cue, a.source, a.content) for a in found] == [
        ("zufolge", "Der Regierung", "steigt die Zahl der Arbeitslosen"),
        ("Laut", "Reuters", "ist der Plan tot"),
    ]


def test_indirect_speech(extractor):
    text = "María López afirmó que la reforma es urgente."
    found = extractor.extract(text, "es")
    _check(text, found)
    assert len(found) == 1
    assert found[0].source == "María López" and found[0].source_named
    assert found[0].content == "que la reforma es urgente"
    assert found[0].kind is AttributionKind.INDIRECT


def test_offsets_after_emoji_and_nothing_invented(extractor):
    text = "🎉 Fête à Montréal ! « C’est génial », a affirmé Zoé Côté. Selon moi, il pleuvra."
    found = extractor.extract(text, "fr")
    _check(text, found)
    assert len(found) == 1  # "selon moi" names nobody: no attribution is made up
    assert found[0].source == "Zoé Côté"
    assert found[0].content_span.start == text.index("«")
