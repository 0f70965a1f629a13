"""Words no route translates in a form the thesaurus does not list, read as the word they are
a form of: a plural of people ("jockeys" -> "riders"), a plural whose singular the
dictionary knows only as an adjective ("advisories" -> "announcements", "totalitarians" ->
"totalitarian people"), a verb the tagger read as an adjective ("to recant" -> "take back"),
a verb said by a verb and the preposition it takes ("snuggles" -> "clings to"), and an
adverb whose adjective no dictionary has by that adjective's alternatives ("testily" -> "in an
irritated manner"); a plural that may be a sense of its own stays left and reported ("fours",
"brownies").

Needs Debian's wordnet-base and mythes-en-us, spaCy's English and the Apertium pairs (`make
apertium`); every sentence is written for these tests.
"""

from __future__ import annotations

import pytest
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.apertium_alternatives import _fits
from tidings.models.translators.apertium_reading import verb_read_as_adjective
from tidings.models.translators.names import pipeline
from tidings.models.translators.thesaurus import Thesaurus

THESAURUS = Thesaurus("en")
needed = pytest.mark.skipif(
    not {("en", "es"), ("en", "ca")} <= installed_pairs()
    or not THESAURUS.available
    or pipeline("en") is None,
    reason="the Apertium pairs, the thesaurus or spaCy's English are not installed",
)


@pytest.fixture(scope="module")
def engine() -> ApertiumTranslator:
    with ApertiumTranslator() as translator:
        yield translator


# (target, sentence, the word, what it is said as)
SAID = [
    # "jockey" is ranked, and its first sense is a person: the plural is that person's.
    ("es", "Two jockeys were fined on Tuesday.", "jockeys", "riders"),
    ("ca", "The jockeys were fined on Tuesday.", "jockeys", "riders"),
    # The dictionary knows "advisory" only as an adjective.
    ("es", "The ministry issued two travel advisories.", "advisories", "announcements"),
    # ... and "totalitarian": people named by it are said as the adjective's people.
    ("es", "The totalitarians won the vote.", "totalitarians", "totalitarian people"),
    # Tagged an adjective after "to"; the thesaurus has it only as a verb (our glossary's
    # plain English for the verb).
    ("es", "He refused to recant his statement.", "recant", "take back"),
    # No synonym is in a dictionary; the broader term is a verb and its preposition.
    ("es", "The cat snuggles against the dog.", "snuggles", "clings to"),
    # An adverb whose adjective no dictionary has: by that adjective's own alternative.
    ("es", "The minister answered testily.", "testily", "in an irritated manner"),
    ("ca", "The minister answered tersely.", "tersely", "in a brief manner"),
]


@needed
@pytest.mark.parametrize(("target", "sentence", "word", "said"), SAID)
def test_a_form_the_thesaurus_lacks_is_said_as_the_word_it_is_a_form_of(
    engine: ApertiumTranslator, target: str, sentence: str, word: str, said: str
) -> None:
    (out,) = engine.translate([sentence], "en", target)
    assert dict(out.reworded).get(word) == said, out
    assert word not in out.untranslated and word not in out.text, out


# (sentence, a plural that may be a sense of its own)
LEFT = [
    # Cricket's "fours": the dictionary knows "four" as a number.
    ("He hit four fours in the match.", "fours"),
    # "brownie" has senses WordNet does not rank, the first a Girl Scout.
    ("Two brownies were fined on Tuesday.", "brownies"),
]


@needed
@pytest.mark.parametrize(("sentence", "word"), LEFT)
def test_a_plural_that_may_be_a_sense_of_its_own_is_left_and_reported(
    engine: ApertiumTranslator, sentence: str, word: str
) -> None:
    (out,) = engine.translate([sentence], "en", "es")
    assert word not in dict(out.reworded), out
    assert word in out.untranslated, out


@pytest.mark.parametrize(
    ("term", "pos", "expected"),
    [("cling to", "verb", True), ("clutch", "verb", True), ("young mammal", "noun", True),
     # An adverb after a verb often makes an idiom: "dress down" is no "vestir abajo".
     ("dress down", "verb", False), ("hold close", "verb", False),
     ("change integrity", "verb", False), ("very good", "adj", False),
     ("look into it", "verb", False)],
)  # fmt: skip
def test_a_term_of_several_words_stands_for_a_noun_or_as_a_verb_and_its_preposition(
    term: str, pos: str, expected: bool
) -> None:
    assert _fits(term, pos) is expected


@pytest.mark.skipif(not THESAURUS.available, reason="mythes-en-us is not installed")
@pytest.mark.parametrize(
    ("word", "expected"),
    [("recant", ("recant", "<vblex><inf>")),
     # A noun the thesaurus has alone stays as read: its broader terms describe no style.
     ("hipster", None),
     # Both an adjective and a verb: the tagger's reading stands.
     ("clean", None)],
)  # fmt: skip
def test_a_verb_the_tagger_read_as_an_adjective_is_read_as_the_verb(
    word: str, expected: tuple[str, str] | None
) -> None:
    assert verb_read_as_adjective(word, (word, "<adj>"), THESAURUS) == expected
