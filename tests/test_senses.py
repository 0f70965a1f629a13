"""Which sense of a word its sentence means (senses.py, a simplified Lesk over WordNet's
glosses), and the words no route translates that are said by that sense: "The jockeys rode
their horses" -> es "Los jinetes ...", where "jockey" is also an operator of a machine.

Needs Debian's wordnet-base and mythes-en-us and the Apertium pairs (`make apertium`); every
sentence is written for these tests.
"""

from __future__ import annotations

import pytest
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs
from tidings.models.translators.senses import base_forms, pick, said_already, sentence_at
from tidings.models.translators.thesaurus import Thesaurus
from tidings.models.translators.wordnet import WordNet

WORDNET = WordNet()
THESAURUS = Thesaurus("en")
wordnet = pytest.mark.skipif(not WORDNET.has("jockey", "noun"), reason="no wordnet-base")
apertium = pytest.mark.skipif(
    not {("en", "es"), ("en", "fr"), ("en", "ca")} <= installed_pairs() or not THESAURUS.available,
    reason="the Apertium pairs or the thesaurus of these tests are not installed",
)

# (lemma, part of speech, sentence, the sense meant in WordNet's order or None)
PICKS = [
    ("jockey", "noun", "The jockeys rode their horses to the finish.", 0),
    ("jockey", "noun", "The computer jockey kept the machine running all night.", 1),
    ("brownie", "noun", "She baked chocolate brownies with nuts for the fair.", 2),
    ("barb", "noun", "Each feather is made of thousands of fine filaments, its barbs.", 3),
    # One word shared is often chance: a feather's barbs, but a remark's too.
    ("barb", "noun", "Each feather is made of thousands of barbs.", None),
    ("barb", "noun", "The spear's barb made it hard to pull out.", 2),
    # Both the music and the dance are danced: the sentence does not say which.
    ("jig", "noun", "The villagers danced a jig.", None),
    # Nothing in the sentence is in any sense's gloss.
    ("jockey", "noun", "Two jockeys were fined on Tuesday.", None),
    # One sense only: nothing to pick.
    ("hipster", "noun", "A hipster opened a cafe.", None),
    ("unheardofword", "noun", "It is an unheardofword.", None),
]


@wordnet
@pytest.mark.parametrize(("lemma", "pos", "sentence", "expected"), PICKS)
def test_the_sense_whose_gloss_shares_most_words_with_the_sentence_is_picked(
    lemma: str, pos: str, sentence: str, expected: int | None
) -> None:
    assert pick(WORDNET, lemma, pos, sentence) == expected


@wordnet
@pytest.mark.parametrize(
    ("word", "base"),
    [("rode", "ride"), ("horses", "horse"), ("stopped", "stop"), ("mice", "mouse"),
     ("dancing", "dance"), ("brownies", "brownie")],
)  # fmt: skip
def test_words_meet_by_their_base_forms(word: str, base: str) -> None:
    assert base in base_forms(word)


def test_the_sentence_of_a_word_is_cut_at_sentence_ends() -> None:
    text = "The vote was close. The jockeys rode well! Nobody knew."
    assert sentence_at(text, text.index("jockeys")) == "The jockeys rode well! "
    assert sentence_at(text, 0) == "The vote was close. "
    assert sentence_at(text, text.index("Nobody")) == "Nobody knew."


@pytest.fixture(scope="module")
def engine() -> ApertiumTranslator:
    with ApertiumTranslator() as translator:
        yield translator


# (target, sentence, word no route translates, what it is said as, what it must not be)
SAID_BY_THE_SENSE = [
    ("es", "The jockeys rode their horses to the finish.", "jockeys", "riders", "jinetes"),
    ("ca", "The jockeys rode their horses to the finish.", "jockeys", "riders", "genets"),
    ("es", "She baked chocolate brownies with nuts.", "brownies", "cookies", "galletas"),
    ("fr", "He ate a chocolate brownie with nuts.", "brownie", "cookie", "biscuit"),
]


@apertium
@wordnet
@pytest.mark.parametrize(("target", "sentence", "word", "said", "expected"), SAID_BY_THE_SENSE)
def test_a_word_of_unranked_senses_is_said_by_the_sense_its_sentence_means(
    engine: ApertiumTranslator, target: str, sentence: str, word: str, said: str, expected: str
) -> None:
    (out,) = engine.translate([sentence], "en", target)
    assert dict(out.reworded).get(word) == said, out
    assert expected in out.text.lower(), out.text
    assert word not in out.untranslated, out


@apertium
@wordnet
def test_a_word_whose_sentence_names_no_sense_is_not_said_by_a_guess(
    engine: ApertiumTranslator,
) -> None:
    # "jig" is music, a lure, a device or a dance, in no order WordNet knows: nothing here
    # says which.
    (out,) = engine.translate(["He bought a jig on Tuesday."], "en", "es")
    assert "jig" not in dict(out.reworded), out
    assert "jig" in out.untranslated, out


@wordnet
@pytest.mark.parametrize(
    ("alternative", "sentence", "expected"),
    [("flowing", "The ebb and flow of votes.", True),
     ("riders", "The jockeys rode their horses.", False),
     ("in a damning manner", "It damned him.", True)],
)  # fmt: skip
def test_an_alternative_its_sentence_already_says_is_not_used(
    alternative: str, sentence: str, expected: bool
) -> None:
    # The sentence without the word being said another way, as apertium_reword.py passes it.
    assert said_already(alternative, sentence) is expected


@apertium
@wordnet
def test_a_word_is_not_said_by_one_its_sentence_already_has(engine: ApertiumTranslator) -> None:
    # "ebb" is a kind of "flow": "la marea y el flujo y el flujo" would say nothing.
    (out,) = engine.translate(["The ebb and flow of the tide decided the race."], "en", "es")
    assert dict(out.reworded).get("ebb") not in ("flow", "flowing"), out
    # Two forms of one word are said alike.
    (two,) = engine.translate(["Two commenters replied to the abusive commenter."], "en", "ca")
    assert dict(two.reworded) == {"commenters": "commentators", "commenter": "commentator"}, two
