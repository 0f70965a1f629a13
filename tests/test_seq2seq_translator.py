"""Seq2SeqTranslator against a tiny random MarianMT loaded through the real Auto classes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from tidings.models.base import (
    Alignment,
    Attribution,
    AttributionKind,
    InvalidInput,
    NotReady,
    Span,
    Translator,
    Unsupported,
)
from tidings.models.registry import TranslatorRouter
from tidings.models.translators.seq2seq import Seq2SeqTranslator, mask, unmask
from tidings.service.pipeline import Pipeline, _Base, _Sentence
from tidings.service.render import render

# Tiny models on a shared CPU: one torch thread for the module (conftest).
pytestmark = pytest.mark.usefixtures("one_torch_thread")

TEXTS = [
    "The minister said the budget would be presented on Tuesday.",
    "Rain.",
    "According to the police, three people were arrested overnight. The court ruled.",
    "The central bank kept interest rates unchanged.",
    "Scientists warned that temperatures could rise further.",
]


@pytest.fixture(scope="module")
def translator(marian_dir: str) -> Seq2SeqTranslator:
    return Seq2SeqTranslator(
        {("en", "de"): marian_dir, ("de", "en"): marian_dir},
        device="cpu",
        num_beams=1,
        max_new_tokens=8,
        batch_size=2,
    )


def fake_model(
    translator: Seq2SeqTranslator,
    monkeypatch: pytest.MonkeyPatch,
    rewrite: Callable[[str], str],
) -> list[str]:
    """Swap generation for ``rewrite`` and return the list of segments the model was given."""
    seen: list[str] = []

    def generate(model: str, texts: list[str]) -> list[str]:
        seen.extend(texts)
        return [rewrite(t) for t in texts]

    monkeypatch.setattr(translator, "_generate", generate)
    return seen


def test_loads_every_pair_at_start(translator: Seq2SeqTranslator) -> None:
    assert isinstance(translator, Translator)
    assert translator.pairs() == {("en", "de"), ("de", "en")}
    # One folder serving two pairs is loaded once, eagerly, in eval mode.
    assert len(translator._loaded) == 1
    ((network, _),) = translator._loaded.values()
    assert type(network).__name__ == "MarianMTModel"
    assert not network.training


def test_batches_keep_order_and_count(translator: Seq2SeqTranslator) -> None:
    singles = [translator.translate([t], "en", "de")[0] for t in TEXTS]
    assert len({s.text for s in singles}) > 1, "outputs must differ for the order to matter"
    batch = translator.translate(TEXTS, "en", "de")
    assert len(batch) == len(TEXTS)
    assert [t.text for t in batch] == [s.text for s in singles]
    assert all(t.engine == "opus-mt:tiny-marian" and t.pivot is None for t in batch)
    assert batch == translator.translate(TEXTS, "en", "de")  # deterministic


def test_real_model_spans_are_none_or_exact(translator: Seq2SeqTranslator) -> None:
    protect = [["minister"], [], ["police", "court"], [], ["Scientists"]]
    outputs = translator.translate(TEXTS, "en", "de", protect=protect)
    for terms, out in zip(protect, outputs, strict=True):
        assert len(out.protected_spans) == len(terms)
        for term, span in zip(terms, out.protected_spans, strict=True):
            assert span is None or span.of(out.text) == term
        assert "ZXQ" not in out.text or not terms  # a surviving placeholder is always restored


def test_protected_terms_come_through(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = fake_model(translator, monkeypatch, lambda t: "Heute: " + t.replace(" said", " sagte"))
    text = "Angela Merkel said hello to Emmanuel Macron."
    terms = ["Emmanuel Macron", "Angela Merkel"]
    (out,) = translator.translate([text], "en", "de", protect=[terms])
    assert not any("Merkel" in s or "Macron" in s for s in seen), "terms must not reach the model"
    assert out.text == "Heute: Angela Merkel sagte hello to Emmanuel Macron."
    assert [s.of(out.text) for s in out.protected_spans] == terms


def test_placeholder_case_and_spacing_are_tolerated(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_model(translator, monkeypatch, lambda t: re.sub(r"ZXQ(\d)", r"zxq \1", t) + " Ende.")
    text = "Angela Merkel met Pedro Sánchez."
    (out,) = translator.translate([text], "en", "de", protect=[["Angela Merkel", "Pedro Sánchez"]])
    assert out.text == "Angela Merkel met Pedro Sánchez. Ende."
    assert out.protected_spans == (Span(0, 13), Span(18, 31))


def test_lost_placeholder_leaves_output_and_none_span(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The model mangles placeholder 0 only; the other one must still be restored.
    fake_model(translator, monkeypatch, lambda t: re.sub(r"ZXQ0\b", "zxq-null", t))
    text = "Angela Merkel met Pedro Sánchez."
    (out,) = translator.translate([text], "en", "de", protect=[["Angela Merkel", "Pedro Sánchez"]])
    assert out.text == "zxq-null met Pedro Sánchez."
    assert out.protected_spans[0] is None
    assert out.protected_spans[1] == Span(13, 26)


def test_paragraphs_repeats_and_nested_terms(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_model(translator, monkeypatch, lambda t: t)
    text = "The New York Times wrote it.\n\nNew York agreed. The Times? The New York Times."
    terms = ["New York", "New York Times"]
    (out,) = translator.translate([text], "en", "de", protect=[terms])
    assert out.text == text  # identity model: layout and every occurrence restored
    assert [s.of(out.text) for s in out.protected_spans] == terms
    assert out.protected_spans[1] == Span(4, 18)


def test_blank_and_absent_terms(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = fake_model(translator, monkeypatch, str.upper)
    out = translator.translate(["  ", "No names here."], "en", "de", protect=[["X"], ["Merkel"]])
    assert [t.text for t in out] == ["", "NO NAMES HERE."]
    assert [t.protected_spans for t in out] == [(None,), (None,)]
    assert seen == ["No names here."]


def test_placeholder_prefix_avoids_text() -> None:
    masked = mask("ZXQ1 is a code; Merkel is a name.", ["Merkel"])
    assert "Merkel" not in masked.text and "ZXQ1 is a code" in masked.text
    restored, spans = unmask(masked.text, masked)
    assert restored == "ZXQ1 is a code; Merkel is a name." and spans == (Span(16, 22),)


def test_errors(translator: Seq2SeqTranslator, marian_dir: str, tmp_path: Path) -> None:
    with pytest.raises(Unsupported, match="en->fr"):
        translator.translate(["Hi."], "en", "fr")
    with pytest.raises(InvalidInput, match="protect"):
        translator.translate(["Hi.", "Ho."], "en", "de", protect=[["Hi"]])
    missing = str(tmp_path / "opus-mt-en-xx")
    with pytest.raises(NotReady, match="opus-mt-en-xx"):
        Seq2SeqTranslator({("en", "de"): marian_dir, ("en", "xx"): missing}, device="cpu")
    with pytest.raises(ValueError):
        Seq2SeqTranslator({}, device="cpu")


def test_overlong_sentence_is_truncated_not_fatal(translator: Seq2SeqTranslator) -> None:
    # Past the tiny model's 128 positions: without truncation the embedding lookup would fail.
    long_sentence = " ".join(["budget minister"] * 150) + "."
    (out,) = translator.translate([long_sentence], "en", "de")
    assert out.text and out.engine == "opus-mt:tiny-marian"


def test_found_names_never_reach_the_model(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = fake_model(translator, monkeypatch, lambda t: "Heute: " + t)
    text = "Fox News said One World Labs would light Big Ben. The mayor of New York agreed."
    (out,) = translator.translate([text], "en", "de")
    for name in ("Fox News", "One World Labs", "Big Ben"):
        assert not any(name in s for s in seen), seen
        assert name in out.text
    # A place goes to the model, which knows its name in the target language.
    assert any("New York" in s for s in seen)
    assert out.protected_spans == ()  # found names are not the caller's terms


def test_names_can_be_left_to_the_model(marian_dir: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Seq2SeqTranslator({("en", "de"): marian_dir}, device="cpu", protect_names=False)
    seen = fake_model(plain, monkeypatch, lambda t: t)
    plain.translate(["Fox News said so."], "en", "de")
    assert seen == ["Fox News said so."]


LEAD_ARTICLE = "The energy ministry spoke. Prices will rise next year. Fox News agreed."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("The energy ministry", "Laut das Energieministerium: die Preise steigen."),
        ("Fox News", "Laut Fox News: die Preise steigen."),
    ],
)
def test_lead_in_written_in_the_target_language(
    translator: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch, source: str, expected: str
) -> None:
    words = {"the energy ministry": "das Energieministerium", "prices will rise next year.":
             "die Preise steigen."}  # fmt: skip
    seen = fake_model(translator, monkeypatch, lambda t: words.get(t, t))
    claim = "Prices will rise next year."
    start = LEAD_ARTICLE.index(source)
    attribution = Attribution(
        content=claim, content_span=Span(27, 54), kind=AttributionKind.INDIRECT, confidence=0.9,
        source=source, source_span=Span(start, start + len(source)), source_name=source,
        source_named=True,
    )  # fmt: skip
    rendered = render(LEAD_ARTICLE, claim, None, attribution, "en")
    pipeline = Pipeline.__new__(Pipeline)  # only the translation step
    pipeline.engines = SimpleNamespace(translators=TranslatorRouter([translator]))
    base = _Base("en", (_Sentence(Alignment((Span(27, 54),), (1,), 1.0, True), (0,), rendered),))
    (sentence,) = pipeline._localize(base, "de").sentences
    assert sentence.text == expected
    assert sentence.source_name_span is not None
    assert sentence.source_name_span.of(sentence.text) == expected[5 : expected.index(":")]
    assert not any("According" in s for s in seen)  # the English lead-in is never translated
