"""Swear words a writer censored with asterisks: found, translated, and censored again in the
translation (models/translators/censored.py). Every sentence is written for these tests."""

from __future__ import annotations

import pytest
from tidings.models.translators import censored
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs

apertium = pytest.mark.skipif(
    ("en", "es") not in installed_pairs(), reason="apertium-eng-spa is not installed"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They gave him so much sh** for it.", {"sh**": "shit"}),
        ("What the f*** happened?", {"f***": "fuck"}),
        ("It was a f***ing disgrace.", {"f***ing": "fucking"}),
        ("S**t happens, he said.", {"S**t": "shit"}),
        ("She called him a b*****d.", {"b*****d": "bastard"}),
        # Stars that stand for no swear word of that length and those letters.
        ("Rated 5* by guests, a x*y*z code, and damn* twice.", {}),
        ("A footnote* and the f*** word.", {"f***": "fuck"}),
        ("No stars here.", {}),
    ],
)  # fmt: skip
def test_censored_words_are_found_with_the_word_they_stand_for(text: str, expected: dict) -> None:
    assert censored.found(text) == expected


@pytest.mark.parametrize(
    ("translation", "like", "expected"),
    [("mierda", "sh**", "m*****"), ("Merde", "sh**", "m****"), ("puta madre", "M***", "P*** m****"),
     ("jodido", "f***ed", "j*****")],
)  # fmt: skip
def test_a_translation_is_censored_like_the_source(
    translation: str, like: str, expected: str
) -> None:
    assert censored.censor(translation, like) == expected


def test_the_route_that_translates_the_word_serves() -> None:
    routes = [("first",), ("second",)]

    def alone(words: list[str], route: tuple[str, ...]) -> list[str | None]:
        said = {"first": {"fuck": None}, "second": {"fuck": "joder"}}[route[0]]
        return [said.get(w) for w in words]

    tokens = [{"f***": "fuck"}, {}]
    assert censored.translated(tokens, routes, alone) == [{"f***": "j****"}, {}]
    nothing = censored.translated(tokens, routes[:1], alone)
    assert nothing == [{}, {}]


@apertium
@pytest.mark.parametrize("target", ["es", "fr", "ca"])
def test_a_censored_word_is_translated_and_stays_censored(
    engine: ApertiumTranslator, target: str
) -> None:
    if ("en", target) not in installed_pairs():
        pytest.skip(f"no en->{target} route")
    text = "The coach said he had taken a lot of sh** for the loss."
    (out,) = engine.translate([text], "en", target)
    assert "sh**" not in out.text and not out.untranslated, out
    words = out.text.split()
    starred = [w for w in words if "*" in w]
    assert len(starred) == 1 and starred[0].startswith("m") and set(starred[0][1:]) == {"*"}, out
    # Neither the word nor its translation is written out.
    assert not {"shit", "mierda", "merde", "merda"} & {w.strip(".,").lower() for w in words}


@apertium
def test_a_word_with_stars_that_is_no_swear_word_is_left_alone(engine: ApertiumTranslator) -> None:
    (out,) = engine.translate(["The hotel was rated 5* by its guests."], "en", "es")
    assert "5*" in out.text, out
