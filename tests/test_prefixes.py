"""English words made with a prefix and a hyphen that Apertium's English has no word for the
prefix of: said as the closed word or by the prefix's meaning, never the prefix alone by the
thesaurus (models/translators/prefixes.py). Every sentence is written for these tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.apertium_words import word_spans
from tidings.models.translators.prefixes import PREFIXES, prefixed
from tidings.models.translators.thesaurus import Thesaurus

apertium = pytest.mark.skipif(
    ("en", "es") not in installed_pairs() or not Thesaurus("en").available,
    reason="apertium-eng-spa or the thesaurus is not installed",
)

# A stand-in for Apertium's English analyser: these tests are of the rule, not the dictionary.
LEXICON = {
    "semifinal": [("semifinal", "<n><sg>")],
    "final": [("final", "<n><sg>"), ("final", "<adj>")],
    "gather": [("gather", "<vblex><inf>")],
    "election": [("election", "<n><sg>")],
    "reelection": [("reelection", "<n><sg>")],
    "settlement": [("settlement", "<n><sg>")],
    "sign": [("sign", "<vblex><inf>"), ("sign", "<n><sg>")],
    "resign": [("resign", "<vblex><inf>")],
    "morning": [("morning", "<n><sg>")],
    "donor": [("donor", "<n><sg>")],
    "dressed": [("dress", "<vblex><pp>")],
    "redressed": [("redress", "<vblex><pp>")],
    "slump": [("slump", "<n><sg>")],
    "war": [("war", "<n><sg>")],
    "match": [("match", "<n><sg>")],
    "season": [("season", "<n><sg>")],
    "million": [("million", "<num><sp>"), ("million", "<n><sg>")],
    "millions": [("million", "<n><pl>")],
    "party": [("party", "<n><sg>")],
    "partys": [("party", "<n><pl>")],  # Apertium's English reads it too
    "parties": [("party", "<n><pl>")],
    "smoke": [("smoke", "<n><sg>")],
}


def analyse(words: Sequence[str]) -> list[list[tuple[str, str]]]:
    return [LEXICON.get(w, []) for w in words]


# (text as the translator sends it, what replaces "prefix base" and after, or None)
RULES = [
    ("They lost the semi final.", "semifinal"),  # the closed word the dictionary has
    ("They must re gather the team.", "gather again"),  # after a verb
    ("The wound was re dressed daily.", "dressed again"),  # not "redressed", a remedy
    ("They hoped for a re election.", "reelection"),  # a noun's closed word is the same
    ("They began a re settlement.", None),  # "re-" takes a verb: no "settlement again"
    ("He will re sign today.", "sign again"),  # "resign" is another word
    ("It ended in mid morning.", "middle of the morning"),
    ("A mega donor paid.", "big donor"),
    ("A mini slump followed.", "small slump"),  # before a noun
    ("They joined the anti war protest.", "protest against the war"),  # after its nouns
    ("He played the track pre match.", "before the match"),  # at a clause's end: when
    ("They trained over the pre season.", None),  # after a determiner: a noun's
    ("They trained over the pre season and won.", None),
    ("The self war ended.", None),  # "self-" has no meaning here
    ("They joined the anti War protest.", None),  # a name's word
    # Of several of its base, after its nouns ("a multi-million pound loan").
    ("They repaid a multi million pound loan.", "a pound loan of several millions"),
    ("They backed a multi party system.", "a system of several parties"),
    ("They backed it multi party.", None),  # no "of several parties" in place: no noun
    ("A multi smoke system.", None),  # no plural the dictionary reads as the base's
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_a_prefixed_word_is_the_closed_word_or_the_prefixs_meaning(
    text: str, expected: str | None
) -> None:
    spans = list(word_spans(text))
    k = next(i for i, s in enumerate(spans) if s[2] in PREFIXES)
    # Tags as spaCy gives them for these sentences: the nouns after "anti war", the
    # determiner before "pre season".
    tags = {"protest": "NN", "the": "DT", "track": "NN", "pound": "NN", "loan": "NN"}
    tags |= {"system": "NN", "a": "DT"}
    tagged = {s[0]: (tags.get(s[2], "JJ"), s[2], False) for s in spans}
    found = prefixed(text, spans, k, tagged, analyse)
    assert (found[2] if found else None) == expected


@apertium
@pytest.mark.parametrize(
    ("sentence", "said", "expected"),
    [
        ("He missed the semi-final victory.", {"semi-final": "semifinal"}, "semifinal"),
        (
            "Speaking at the pre-match press conference, he smiled.",
            {"pre-match": "before the match"},
            "rueda de prensa antes del partido",
        ),
        (
            "She is known for her anti-immigration stance.",
            {"anti-immigration": "against the immigration"},
            "postura contra la inmigración",
        ),
        ("He is desperate to re-gather the momentum.", {"re-gather": "gather again"}, "otra vez"),
        ("The side must address their mini-slump.", {"mini-slump": "small slump"}, "pequeña"),
        ("He is running for re-election.", {"re-election": "reelection"}, "reelección"),
        ("They met in mid-morning.", {"mid-morning": "middle of the morning"}, "de la mañana"),
        (
            "The pro-democracy protesters marched.",
            {"pro-democracy": "in favour of democracy"},
            "manifestantes a favor de democracia",
        ),
        (
            "Greece will pay a multi-million pound loan.",
            {"multi-million": "of several millions"},
            "préstamo de libra de varios millones",
        ),
    ],
)
def test_a_prefix_no_dictionary_has_is_not_left_in_english(
    engine: ApertiumTranslator, sentence: str, said: dict[str, str], expected: str
) -> None:
    (out,) = engine.translate([sentence], "en", "es")
    assert dict(out.reworded) == said, out
    assert expected in out.text and not out.untranslated, out


@apertium
def test_a_prefix_alone_is_never_said_another_way(engine: ApertiumTranslator) -> None:
    # The thesaurus's "self" is "consciousness": the prefix is left and reported instead.
    (out,) = engine.translate(["The self-described playboy left."], "en", "es")
    assert not out.reworded and "consciencia" not in out.text, out
    assert out.untranslated == ("self",), out


@apertium
def test_a_prefix_written_apart_is_no_prefix(engine: ApertiumTranslator) -> None:
    # "a pro golfer" is a professional, never one "in favour of" golf.
    (out,) = engine.translate(["The pro golfer won."], "en", "es")
    assert "favor" not in out.text and "pro" not in dict(out.reworded), out
