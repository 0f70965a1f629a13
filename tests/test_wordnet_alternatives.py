"""Words no route translates and the thesaurus has no other word for, said by what WordNet's
own files give: an adjective by its definition after the nouns it describes ("an upmarket
store" -> "a store designed for consumers with high incomes") or by the adjective it is a
kind of ("more storied" -> "more glorious"), a doer in "-er" by WordNet's word for that doer
("commenter" -> "commentator"); left and reported where none fits.

Needs Debian's wordnet-base and mythes-en-us and the Apertium pairs (`make apertium`); every
sentence is written for these tests.
"""

from __future__ import annotations

import pytest
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.apertium_reading import definition_place, penn_tags
from tidings.models.translators.apertium_words import word_spans
from tidings.models.translators.names import pipeline
from tidings.models.translators.thesaurus import Thesaurus
from tidings.models.translators.wordnet import WordNet

WORDNET = WordNet()
THESAURUS = Thesaurus("en")
wordnet = pytest.mark.skipif(
    WORDNET.adjective_definition("upmarket") is None, reason="wordnet-base is not installed"
)
tagger = pytest.mark.skipif(pipeline("en") is None, reason="spaCy's English is not installed")
apertium = pytest.mark.skipif(
    not {("en", "es"), ("en", "ca")} <= installed_pairs() or not THESAURUS.available,
    reason="the Apertium pairs or the thesaurus of these tests are not installed",
)


# (adjective, its definition or None)
DEFINITIONS = [
    ("upmarket", "designed for consumers with high incomes"),  # one sense
    ("overgrown", "covered with growing plants"),  # several, ranked: the first
    ("green-eyed", None),  # longer than a phrase a sentence can take
    ("indebted", None),  # "... etc": no phrase
    ("acned", None),  # "(of complexion) blemished by ...": a usage note
    ("diurnal", None),  # two senses, neither known to come first
    ("carrot", None),  # no adjective
]


@wordnet
@pytest.mark.parametrize(("adjective", "expected"), DEFINITIONS)
def test_an_adjectives_definition_is_a_plain_phrase_of_its_first_sense(
    adjective: str, expected: str | None
) -> None:
    assert WORDNET.adjective_definition(adjective) == expected


# (sentence, the adjective, what comes before its definition, or None where none can go)
PLACES = [
    ("Homes with the upmarket store nearby cost more.", "upmarket", "store"),
    ("He bought an upmarket apartment.", "upmarket", "an apartment"),
    ("She bought an upmarket house.", "upmarket", "a house"),
    ("An upmarket house was sold.", "upmarket", "A house"),
    ("They rest in overgrown woodland gardens.", "overgrown", "woodland gardens"),
    ("The path was overgrown with ivy.", "overgrown", ""),
    ("No team is more storied than this one.", "storied", None),
    ("They sell upmarket and cheap clothes.", "upmarket", None),
    ("He wore upmarket felt hats.", "upmarket", None),
    # The nouns must end a phrase: not a compound's first half, nor a possessor.
    ("They hired unscrupulous profit-hungry firms.", "unscrupulous", None),
    ("The upmarket store's owner left.", "upmarket", None),
]


@tagger
@pytest.mark.parametrize(("sentence", "word", "before"), PLACES)
def test_a_definition_goes_after_the_nouns_its_adjective_describes(
    sentence: str, word: str, before: str | None
) -> None:
    spans = list(word_spans(sentence))
    k = next(i for i, span in enumerate(spans) if span[2] == word)
    place = definition_place(sentence, spans, k, penn_tags(sentence))
    if before is None:
        assert place is None
        return
    assert place is not None
    start, end, lead = place
    assert lead == before
    # What is replaced runs from the adjective (or its article) to the last noun.
    assert sentence[start:end].endswith(before.split()[-1] if before else word)
    assert word in sentence[start:end]


@apertium
@wordnet
@pytest.mark.parametrize(
    ("target", "sentence", "word", "expected"),
    [
        ("es", "He bought an upmarket apartment in London.", "upmarket", "diseñado"),
        ("ca", "They posed against a backdrop of overgrown woodland.", "overgrown", "cobert"),
    ],
)
def test_an_adjective_no_route_knows_is_said_by_its_definition(
    engine: ApertiumTranslator, target: str, sentence: str, word: str, expected: str
) -> None:
    (out,) = engine.translate([sentence], "en", target)
    assert dict(out.reworded)[word] == WORDNET.adjective_definition(word), out
    assert word not in out.text and expected in out.text, out.text
    assert word not in out.untranslated, out


# (adjective, the adjective it is a kind of, or None)
KINDS = [
    ("storied", "glorious"),  # a satellite: "having an illustrious past"
    ("overgrown", "covered"),
    ("upmarket", None),  # a cluster's head: its similar terms are no broader ones
    ("diurnal", None),  # two senses, neither known to come first
]


@wordnet
@pytest.mark.parametrize(("adjective", "expected"), KINDS)
def test_an_adjective_is_a_kind_of_its_clusters_head(adjective: str, expected: str | None) -> None:
    assert WORDNET.adjective_head(adjective) == expected


@apertium
@wordnet
def test_where_no_definition_fits_an_adjective_is_said_by_the_one_it_is_a_kind_of(
    engine: ApertiumTranslator,
) -> None:
    # After "more" no definition goes; the tagger reads "storied" as a verb's participle.
    (out,) = engine.translate(["No team is more storied than this one."], "en", "es")
    assert dict(out.reworded) == {"storied": "glorious"}, out
    assert "storied" not in out.text and not out.untranslated, out


@apertium
@wordnet
@pytest.mark.parametrize(
    ("sentence", "word", "never"),
    [
        # A cluster's head has no broader adjective, and "more" takes no definition.
        ("Their shops are more upmarket than ours.", "upmarket", ()),
        # Ungraded, an adjective's kind is too often another meaning: WordNet's "livid" is a
        # kind of "colorless"; this manager is furious.
        ("The manager was livid after the match.", "livid", ("incoloro", "descolorido")),
    ],
)
def test_an_adjective_with_no_fitting_definition_or_kind_is_left_and_reported(
    engine: ApertiumTranslator, sentence: str, word: str, never: tuple[str, ...]
) -> None:
    (out,) = engine.translate([sentence], "en", "es")
    assert word not in dict(out.reworded), out
    assert not any(w in out.text for w in never), out.text


# (a doer in "-er" WordNet lacks, WordNet's word for that doer or None)
DOERS = [
    ("commenter", "commentator"),
    ("lobbyer", "lobbyist"),
    ("visiter", "visitor"),
    ("protester", None),  # a "protestant" is no protester: "-ant" is never tried
    ("texter", None),  # WordNet 3.0 has no verb "text"
    ("moggy", None),
]


@wordnet
@pytest.mark.parametrize(("word", "expected"), DOERS)
def test_a_doer_in_er_is_said_by_wordnets_word_for_that_doer(
    word: str, expected: str | None
) -> None:
    assert WORDNET.agent_noun(word) == expected


@apertium
@wordnet
@pytest.mark.parametrize(
    ("target", "said", "expected"),
    [
        ("ca", {"commenters": "commentators", "commenter": "commentator"}, "comentarist"),
        # No route to Italian has "commentator": it is said as that word would be.
        ("it", {"commenters": "experts", "commenter": "expert"}, "espert"),
    ],
)
def test_a_doer_no_route_knows_is_said_by_wordnets_word_for_it(
    engine: ApertiumTranslator, target: str, said: dict[str, str], expected: str
) -> None:
    sentence = "Two commenters replied to the abusive commenter."
    (out,) = engine.translate([sentence], "en", target)
    assert dict(out.reworded) == said, out
    assert expected in out.text and not out.untranslated, out
