"""Issue 14 item 7, text is text: '<', '>', '&', tags and entities in a caller's text come back
as the same characters from every translator, and protected spans still point at the terms."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from tidings.models.base import Span, Translation
from tidings.models.translators.apertium import ApertiumTranslator
from tidings.models.translators.apertium_format import prepare, restore
from tidings.models.translators.apertium_source import unglue
from tidings.models.translators.plaintext import MARKUP, TAG_OR_ENTITY
from tidings.models.translators.seq2seq import Seq2SeqTranslator

# (text, protected terms)
CASES = [
    ('The minister said: "<script>alert(1)</script>"', []),
    ("<b>The house</b> is old.", []),
    ("We know that a < b && c > d holds.", []),
    ("The sign &amp; is written literally, and so is &#42; and &nbsp;.", []),
    ("Fish & Chips is a dish.", []),
    ('Angela Merkel said: "<script>alert(1)</script>" to Pedro Sánchez.',
     ["Angela Merkel", "Pedro Sánchez"]),
    ("<b>Angela Merkel</b> visited the house.", ["Angela Merkel"]),
    ("Angela Merkel wrote that a < b && c > d, then left.", ["Angela Merkel"]),
    ("Emmanuel Macron ate Fish & Chips &amp; bread.", ["Emmanuel Macron"]),
    ("The <a title=\"large-scale\">large-scale attack</a> hit Kyiv.", ["Kyiv"]),
    ("Two&lt;three & four&gt;one, said Pedro Sánchez.", ["Pedro Sánchez"]),
]  # fmt: skip
IDS = [f"case{i}" for i in range(len(CASES))]
MODES = Path("/usr/share/apertium/modes")


def markup_count(text: str) -> Counter[str]:
    """How many of each markup character, tag and entity the text holds."""
    counts = Counter(c for c in text if c in "<>&")
    counts.update("run:" + m.group() for m in TAG_OR_ENTITY.finditer(text))
    return counts


def check(text: str, terms: list[str], out: Translation, exact_spans: bool) -> None:
    assert markup_count(out.text) == markup_count(text), out.text
    assert len(out.protected_spans) == len(terms)
    for term, span in zip(terms, out.protected_spans, strict=True):
        if span is None:
            assert not exact_spans, f"{term!r} lost in {out.text!r}"
            continue
        assert 0 <= span.start <= span.end <= len(out.text)
        assert out.text[span.start : span.end] == term, (term, span, out.text)


# --- Apertium: a direct pair and a pivot through Spanish ---------------------------------------

apertium = pytest.mark.skipif(
    shutil.which("apertium") is None or not (MODES / "eng-spa.mode").exists(),
    reason="apertium and apertium-eng-spa are not installed (run `make apertium`)",
)


@pytest.fixture(scope="module")
def engine():
    with ApertiumTranslator(pool_size=1) as translator:
        yield translator


@apertium
@pytest.mark.parametrize("pair", [("en", "es"), ("en", "fr")], ids=["en-es", "en-fr-pivot"])
def test_apertium_keeps_markup(engine: ApertiumTranslator, pair: tuple[str, str]) -> None:
    if pair not in engine.pairs():
        pytest.skip(f"apertium offers no {pair}")
    texts = [t for t, _ in CASES]
    outs = engine.translate(texts, *pair, protect=[terms for _, terms in CASES])
    for (text, terms), out in zip(CASES, outs, strict=True):
        check(text, terms, out, exact_spans=True)
    # Text between tags is still translated; the tags and entities are not.
    assert outs[0].text.count("<script>") == 1 and "minister" not in outs[0].text
    assert outs[1].text.startswith("<b>") and "house" not in outs[1].text
    # A name that opens a sentence inside a tag still leaves the next word in lower case.
    assert outs[6].text.split("</b> ", 1)[1][0].islower(), outs[6].text


@apertium
def test_apertium_tags_are_not_read_as_markup(engine: ApertiumTranslator) -> None:
    (out,) = engine.translate(['The minister said: "<script>alert(1)</script>"'], "en", "es")
    assert "<script>" in out.text and "</script>" in out.text
    assert "guión" not in out.text  # "script" was never a word to translate
    (out,) = engine.translate(["&amp;"], "en", "es")
    assert out.text == "&amp;"


def test_prepare_swaps_tags_and_entities_whole() -> None:
    text = 'Merkel said <a title="Merkel">&amp; x</a> and "<b>yes</b>" & Co'
    prepared = prepare(text, ["Merkel", '"<b>yes</b>"'])
    assert prepared.raw == ('<a title="Merkel">', "&amp;", "</a>")
    assert "title" not in prepared.html and "&amp;amp;" not in prepared.html
    assert prepared.html.endswith("&amp; Co")  # a bare '&' is escaped, not a raw run
    # An engine that copies everything gives the text back, spans and all.
    back, spans = restore(prepared.html, prepared)
    assert back == text
    quote = text.index('"<b>yes</b>"')
    assert spans == (Span(0, 6), Span(quote, quote + 12))


def test_unglue_leaves_tags_alone() -> None:
    text = '<a data-x="y">large-scale</a> x-y'
    assert unglue(text, []) == '<a data-x="y">large scale</a> x y'
    assert unglue("<my-tag>", []) == "<my-tag>"


def test_markup_pattern() -> None:
    assert [m.group() for m in MARKUP.finditer("a < b && c <b>d</b> &amp; <!-- x -->")] == [
        "<", "&&", "<b>", "</b>", "&amp;", "<!-- x -->",
    ]  # fmt: skip
    assert TAG_OR_ENTITY.findall("a < b and c > d, 3<4 & 5>2") == []


# --- seq2seq: the tiny random Marian model, and a fake model that copies -----------------------


@pytest.fixture(scope="module")
def seq2seq(marian_dir: str, one_torch_thread: None) -> Seq2SeqTranslator:
    return Seq2SeqTranslator(
        {("en", "de"): marian_dir}, device="cpu", num_beams=1, max_new_tokens=8, batch_size=8
    )


def test_seq2seq_keeps_markup(seq2seq: Seq2SeqTranslator) -> None:
    outs = seq2seq.translate([t for t, _ in CASES], "en", "de", protect=[t for _, t in CASES])
    for (text, terms), out in zip(CASES, outs, strict=True):
        # A random model loses placeholders (span None), never the markup.
        check(text, terms, out, exact_spans=False)


def test_seq2seq_markup_never_reaches_the_model(
    seq2seq: Seq2SeqTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def generate(model: str, texts: list[str]) -> list[str]:
        seen.extend(texts)
        return list(texts)

    monkeypatch.setattr(seq2seq, "_generate", generate)
    outs = seq2seq.translate([t for t, _ in CASES], "en", "de", protect=[t for _, t in CASES])
    for (text, terms), out in zip(CASES, outs, strict=True):
        assert out.text == text.strip()
        check(text, terms, out, exact_spans=True)
    assert seen and not any(c in s for s in seen for c in "<>&")
    assert all(s == s.strip() and s for s in seen)


# A straight quote that opens a quotation: Apertium's English read it as a clitic ("'stole"
# as "'s" + "tole", "'master" as "'m" + "aster"). It goes as a typographic one and comes back.
QUOTED = [
    ("The actress 'stole her pet chicken' years ago.", "es", "robó", "'robó"),
    ("It was a 'master' plan.", "es", "maestro", "'maestro'"),
    ("It was the 'real' deal.", "fr", "réel", "'réel'"),
    ("They showed 'some brass neck'.", "es", "algún", "'algún"),
]


@apertium
@pytest.mark.parametrize(("text", "target", "word", "quoted"), QUOTED)
def test_an_opening_straight_quote_is_no_clitic(
    engine: ApertiumTranslator, text: str, target: str, word: str, quoted: str
) -> None:
    (out,) = engine.translate([text], "en", target)
    assert quoted in out.text, out.text
    assert word in out.text and "‘" not in out.text and "*" not in out.text, out.text
    assert not out.untranslated, out


def test_prepare_sends_opening_quotes_typographic_and_restore_gives_them_back() -> None:
    prepared = prepare("She said 'stop' and 'go'.", [])
    assert "‘stop' and ‘go'" in prepared.html
    text, _ = restore("Ella dijo ‘para' y ‘va'.", prepared)
    assert text == "Ella dijo 'para' y 'va'."
    # A text with typographic quotes of its own, and apostrophes inside or after words, stay.
    assert "‘" not in prepare("Don't touch the jockeys' kit, o'clock.", []).html
    own = prepare("She said ‘stop’ and 'go'.", [])
    assert not own.quotes and "'go'" in own.html
    # A term that opens with a quote is found as written, and so are the caller's tags.
    term = prepare("The 'Ndrangheta clan and <a title= 'x'>'go'</a>.", ["'Ndrangheta"])
    assert term.found == (True,) and "'Ndrangheta" not in term.html
    assert term.raw == ("<a title= 'x'>", "</a>") and "‘go'" in term.html
