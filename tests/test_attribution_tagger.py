"""The trained attribution engine, loaded from the committed weights, on texts of our own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tidings.models.base import Attribution, AttributionExtractor, AttributionKind, Unsupported

SEED = Path(__file__).resolve().parent.parent / "seeds" / "assad_moscow.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tagger():
    from tidings.models.attribution.tagger import TaggerAttributionExtractor

    return TaggerAttributionExtractor()


def _spans_hold(text: str, found: list[Attribution]) -> None:
    for a in found:
        assert a.content_span.of(text) == a.content
        assert a.source_span is None or a.source_span.of(text) == a.source
        assert a.cue_span is not None and a.cue_span.of(text) == a.cue
        assert a.content_fragments[0].start == a.content_span.start
        assert a.content_fragments[-1].end == a.content_span.end
        assert 0.0 < a.confidence <= 1.0


def _by_source(found: list[Attribution], source: str) -> Attribution:
    matches = [a for a in found if a.source == source]
    assert matches, f"no attribution with source {source!r} in {[a.source for a in found]}"
    return matches[0]


def test_protocol_name_and_language(tagger):
    assert isinstance(tagger, AttributionExtractor)
    assert tagger.name == "tagger:minilm-attr-v1"
    assert tagger.languages() == {"en"}
    with pytest.raises(Unsupported):
        tagger.extract("El ministro dijo que no.", "es")
    assert tagger.extract(" \n ", "en") == []


def test_seed_sources_with_exact_spans(tagger):
    text = SEED.read_text(encoding="utf-8")
    found = tagger.extract(text, "en")
    _spans_hold(text, found)

    tass = _by_source(found, "Russian state media outlet TASS")
    assert tass.cue == "according to" and tass.source_named and tass.source_name == "TASS"
    assert tass.content.startswith("Former President Bashar al-Assad has reportedly fled")

    government = _by_source(found, "a source within the Russian government")
    assert government.cue == "confirmed" and not government.source_named
    assert government.content.startswith("Assad, accompanied by his family")

    trump = _by_source(found, "Trump")
    assert trump.source_name == "Donald Trump" and trump.kind is AttributionKind.DIRECT
    assert trump.content.startswith("“Russia, led by Vladimir Putin")

    kremlin = _by_source(found, "A Kremlin source")
    assert kremlin.cue == "told" and not kremlin.source_named
    assert kremlin.content.startswith("that Russia has long advocated")

    experts = _by_source(found, "Experts")
    assert experts.cue == "suggest" and not experts.source_named

    guterres = [a for a in found if a.source and "Antonio Guterres" in a.source]
    assert guterres and guterres[0].source_name == "Antonio Guterres"
    assert guterres[0].source_named


CASES = [
    # (text, source, cue, content) the engine must find, all written by us.
    (
        '"The bridge will reopen in May, and nobody will pay a toll for it," '
        "Mayor Zoë Müller announced on Tuesday.",
        "Mayor Zoë Müller",
        "announced",
        '"The bridge will reopen in May, and nobody will pay a toll for it,"',
    ),
    (
        "The health minister said the hospital would not close this winter.",
        "The health minister",
        "said",
        "the hospital would not close this winter",
    ),
    (
        "Police said that no arrests had been made by Sunday evening.",
        "Police",
        "said",
        "no arrests had been made by Sunday evening",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), CASES)
def test_constructions(tagger, text, source, cue, content):
    found = tagger.extract(text, "en")
    _spans_hold(text, found)
    match = _by_source(found, source)
    assert match.cue == cue
    assert content in match.content  # negation ("not", "no") stays inside the content


@pytest.mark.parametrize(
    "text",
    [
        "The company did not respond to requests for comment on Friday.",
        "A ranger, who asked not to be named, walked the trail at dawn.",
    ],
)
def test_refusals_are_not_claims(tagger, text):
    assert tagger.extract(text, "en") == []


def test_offsets_exact_on_non_ascii_emoji_and_crlf(tagger):
    text = (
        "Ça va 🎉 — the café reopened.\r\n"
        '"Prices stay low," said Zoë Ødegård, the owner, on Monday.\r\n'
        "Customers said the coffee was better than ever."
    )
    found = tagger.extract(text, "en")
    _spans_hold(text, found)
    owner = [a for a in found if a.source and "Zoë Ødegård" in a.source]
    assert owner and owner[0].content == '"Prices stay low,"'


def test_nothing_lost_at_window_edges(tagger):
    # Far longer than one window: the same attributed sentence at every position must be found
    # with the same spans wherever the windows cut.
    filler = "The river rose slowly through the valley during the long wet spring. "
    claim = "The mayor said the dam would hold. "
    text = "".join(claim if i % 7 == 3 else filler for i in range(120))
    found = tagger.extract(text, "en")
    _spans_hold(text, found)
    expected = text.count(claim)
    mayors = [a for a in found if a.source == "The mayor" and a.content.startswith("the dam")]
    assert len(mayors) == expected


def test_missing_or_altered_weights_fail_naming_the_file(tmp_path):
    from tidings.models.attribution.tagger import DEFAULT_WEIGHTS, TaggerAttributionExtractor
    from tidings.models.attribution.tagger_model import WeightsError

    copy = tmp_path / "w"
    shutil.copytree(DEFAULT_WEIGHTS, copy)
    (copy / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(WeightsError, match="config.json"):
        TaggerAttributionExtractor(copy)
    shutil.copy(DEFAULT_WEIGHTS / "config.json", copy / "config.json")
    (copy / "model.safetensors").unlink()
    with pytest.raises(WeightsError, match="model.safetensors is missing"):
        TaggerAttributionExtractor(copy)
