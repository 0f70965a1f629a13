"""Unit tests: how summary sentences come to name their sources."""

from __future__ import annotations

from tidings.models.base import Attribution, AttributionKind, Span
from tidings.service.render import link_attributions, render

ARTICLE = (
    "The minister Ana Ruiz spoke on Monday about the plan. "
    "\u201cWe will build more homes,\u201d she said. "
    "\u201cPrices must come down.\u201d "
    "The plan was praised, according to Reuters."
)


def _span(text: str) -> Span:
    start = ARTICLE.index(text)
    return Span(start, start + len(text))


def _attr(content: str, source: str | None, name: str | None, named: bool = True) -> Attribution:
    return Attribution(
        content=content,
        content_span=_span(content),
        kind=AttributionKind.DIRECT,
        confidence=0.9,
        source=source,
        source_span=_span(source) if source else None,
        source_name=name,
        source_named=named,
    )


def test_pronoun_source_is_replaced_by_the_canonical_name():
    sentence = "\u201cWe will build more homes,\u201d she said."
    a = _attr("We will build more homes,", "she", "Ana Ruiz")
    out = render(ARTICLE, sentence, _span(sentence), a, "en")
    assert out.text == "\u201cWe will build more homes,\u201d Ana Ruiz said."
    assert out.text[out.name_span.start : out.name_span.end] == "Ana Ruiz"
    assert out.protect


def test_source_in_another_sentence_gets_a_lead_in_per_language():
    sentence = "\u201cPrices must come down.\u201d"
    a = _attr("Prices must come down.", "she", "Ana Ruiz")
    out = render(ARTICLE, sentence, _span(sentence), a, "en")
    assert out.text == "According to Ana Ruiz, \u201cPrices must come down.\u201d"
    assert out.text[out.name_span.start : out.name_span.end] == "Ana Ruiz"
    out = render(ARTICLE, sentence, _span(sentence), a, "es")
    assert out.text.startswith("Según Ana Ruiz, ")


def test_stated_source_is_kept_as_written():
    sentence = "The plan was praised, according to Reuters."
    a = _attr("The plan was praised", "Reuters", "Reuters")
    out = render(ARTICLE, sentence, _span(sentence), a, "en")
    assert out.text == sentence
    assert out.text[out.name_span.start : out.name_span.end] == "Reuters"


def test_lead_in_lowercases_only_common_words():
    sentence = "The plan was praised, according to Reuters."
    a = _attr("The plan was praised", None, "experts", named=False)
    out = render(ARTICLE, sentence, _span(sentence), a, "en")
    assert out.text.startswith("According to experts, the plan")
    assert not out.protect


def test_no_attribution_leaves_the_sentence_alone():
    out = render(ARTICLE, "The minister Ana Ruiz spoke on Monday.", None, None, "en")
    assert out.text == "The minister Ana Ruiz spoke on Monday." and out.name_span is None


def test_link_needs_real_overlap():
    quote = _attr("Prices must come down.", "she", "Ana Ruiz")
    praised = _attr("The plan was praised", "Reuters", "Reuters")
    evidence = [_span("\u201cPrices must come down.\u201d")]
    assert link_attributions(evidence, [praised, quote]) == [1]
    assert link_attributions([_span("The minister Ana Ruiz spoke")], [quote]) == []


def test_a_bare_pronoun_is_never_cited():
    sentence = "\u201cPrices must come down.\u201d"
    unresolved = _attr("Prices must come down.", "she", "she", named=False)
    out = render(ARTICLE, sentence, _span(sentence), unresolved, "en")
    assert out.text == sentence and out.name_span is None
    named = _attr("Prices must come down.", "she", "Ana Ruiz")
    assert link_attributions([_span(sentence)], [unresolved, named]) == [1, 0]


def test_a_relative_pronoun_source_points_at_the_name_the_sentence_holds():
    article = "Ana Ruiz - who blamed the council for the delay - admitted the plan was late."
    who = article.index("who")
    content = "the plan was late"
    a = Attribution(
        content=content,
        content_span=Span(article.index(content), article.index(content) + len(content)),
        kind=AttributionKind.INDIRECT,
        confidence=0.9,
        source="who",
        source_span=Span(who, who + 3),
        source_name="Ana Ruiz",
        source_named=True,
    )
    out = render(article, article, Span(0, len(article)), a, "en")
    assert out.text == article
    assert out.text[out.name_span.start : out.name_span.end] == "Ana Ruiz"
    assert out.protect  # kept verbatim through translation, never "Quién"
