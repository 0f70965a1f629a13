"""Summary-grade sentences (models/summarizers/clean.py) on hand-written text: datelines and
bylines cut off, captions cut out of run-ons, false splits rejoined, spans always exact."""

from __future__ import annotations

import pytest
from tidings.models.base import Sentence
from tidings.models.segment import split_sentences
from tidings.models.summarizers.clean import (
    clean_sentences,
    reads_as_sentence,
    strip_prefix,
    summary_sentences,
)


def texts(text: str, language: str = "en") -> list[str]:
    sentences = summary_sentences(text, language)
    assert_exact(text, sentences)
    return [s.text for s in sentences]


def assert_exact(text: str, sentences: list[Sentence]) -> None:
    for s in sentences:
        assert s.span.of(text) == s.text
        assert s.text == s.text.strip() and s.text
    starts = [s.span.start for s in sentences]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("article", "first"),
    [
        ("(CNN)The ferry sank off the coast on Sunday.", "The ferry sank"),
        ("Lyon (CNN) -- The ferry sank off the coast on Sunday.", "The ferry sank"),
        ("OSLO, Norway (CNN) -- The ferry sank off the coast on Sunday.", "The ferry sank"),
        ("LISBON (Reuters) - The ferry sank off the coast on Sunday.", "The ferry sank"),
        ("NEW ORLEANS \u2014 The ferry sank off the coast on Sunday.", "The ferry sank"),
        ("MADRID, 3 abr (EFE) - El ferry se hundi\u00f3 el domingo.", "El ferry"),
        (
            "By . Tilda Okafor . PUBLISHED: . 09:14 EST, 2 May 2013 . | . UPDATED: . "
            "11:40 EST, 2 May 2013 . The ferry sank off the coast on Sunday.",
            "The ferry sank",
        ),
        ("By . Daily Mail Reporter . The ferry sank off the coast on Sunday.", "The ferry sank"),
    ],
)
def test_datelines_and_bylines_are_cut_off(article: str, first: str) -> None:
    language = "es" if "abr" in article else "en"
    got = [t for t in texts(article, language) if reads_as_sentence(t)]
    assert got[0].startswith(first)
    sentence = next(s for s in summary_sentences(article, language) if s.text == got[0])
    # The span starts after the dateline, in code points of the article as sent.
    assert sentence.span.start == article.index(first)


def test_dateline_with_non_ascii_text_keeps_code_point_spans() -> None:
    article = "Z\u00fcrich (Reuters) - Zo\u00eb M\u00fcller won the vote. She thanked voters."
    got = summary_sentences(article)
    assert_exact(article, got)
    assert got[0].text == "Zo\u00eb M\u00fcller won the vote."
    assert got[0].span.start == article.index("Zo\u00eb")


def test_bare_dateline_is_left_for_the_filler_filter() -> None:
    assert strip_prefix("WASHINGTON (AP) \u2014") == 0
    assert texts("WASHINGTON (AP) \u2014\nThe ferry sank on Sunday.")[0] == "WASHINGTON (AP) \u2014"


def test_ordinary_openings_are_untouched() -> None:
    for sentence in [
        "The NHS - and its staff - face a hard winter, the report said.",
        "By Friday, rebel factions had taken the airport.",
        "Amnesty (an NGO) said the trial was unfair.",
        "US officials said on Monday that talks would resume.",
    ]:
        assert texts(sentence) == [sentence]


def test_caption_with_label_is_cut_out_of_a_run_on() -> None:
    article = (
        "Toby was already taller than his teacher at the age of nine, towering over his "
        "classmates Beaming dad: Rhys with his son Toby after the school sports day in June "
        "The boy now stands at six foot two and is still growing."
    )
    got = texts(article)
    assert got[0] == (
        "Toby was already taller than his teacher at the age of nine, towering over his classmates"
    )
    assert not reads_as_sentence(got[0])
    # The label is cut off like a dateline; the rest is caption text, then the real sentence.
    assert got[1].startswith("Rhys with his son Toby")
    assert got[-1] == "The boy now stands at six foot two and is still growing."


def test_caption_before_a_determiner_is_cut() -> None:
    article = (
        "The lifeboat crew pictured at the harbour in Whitby on Tuesday morning A fishing "
        "boat with four men aboard was towed to safety after its engine failed."
    )
    got = texts(article)
    assert got == [
        "The lifeboat crew pictured at the harbour in Whitby on Tuesday morning",
        "A fishing boat with four men aboard was towed to safety after its engine failed.",
    ]
    assert [reads_as_sentence(t) for t in got] == [False, True]


def test_scroll_down_and_leading_labels() -> None:
    article = (
        "The council closed the pier on Friday. Scroll down for video Closed: The pier at "
        "Saltburn was shut after storm damage The council said repairs would take a month."
    )
    got = texts(article)
    assert "Scroll down for video" in got
    assert "The pier at Saltburn was shut after storm damage" in got
    assert got[-1] == "The council said repairs would take a month."


@pytest.mark.parametrize(
    "sentence",
    [
        # Titles and names: capitalised words after a capitalised word or a function word.
        "She starred in A Winter Tale and later in The Long Road Home.",
        "He was reading The Times on the train when the alarm went off.",
        "The band played Let It Be and the crowd sang along with them.",
        "Tickets for Fall of an Empire: The Last Stand go on sale today.",
        "The club finished third in Serie A last season, its best result.",
        "The hotel is a Grade A listed building on the seafront.",
        "Nurse A said the doctor had shouted at her during the night shift.",
        "He told Reuters: The talks are over and there will be no deal.",
        "He added: The talks are over and there will be no deal.",
        "She joined the On the Mat studio as a child and trained there for years.",
    ],
)
def test_no_cut_inside_real_sentences(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_split_after_title_abbreviation_is_rejoined() -> None:
    article = "The court heard that Army Spc. Dana Kowalski had driven the car. She denies it."
    raw = split_sentences(article)
    got = clean_sentences(article, raw)
    assert_exact(article, got)
    assert got[0].text == "The court heard that Army Spc. Dana Kowalski had driven the car."
    assert got[1].text == "She denies it."


def test_paragraphs_never_merge() -> None:
    article = "Promoted to Sgt.\nMaria Ortiz led the patrol that night."
    got = texts(article)
    assert got == ["Promoted to Sgt.", "Maria Ortiz led the patrol that night."]


def test_other_languages_keep_their_sentences() -> None:
    # English caption rules do not run on Spanish: "El" is not an English starter anyway, and a
    # Spanish sentence with capitals inside stays whole.
    article = "El Gobierno aprob\u00f3 la ley el martes. La oposici\u00f3n vot\u00f3 en contra."
    assert texts(article, "es") == [s.text for s in split_sentences(article, "es")]


def test_reads_as_sentence() -> None:
    assert reads_as_sentence("The pier reopened.")
    assert reads_as_sentence("'We will rebuild it,' she said.")
    assert reads_as_sentence("Why did it close?")
    assert reads_as_sentence("He said: \u2018We will rebuild it.\u2019")
    assert reads_as_sentence("(The figures were revised.)")
    assert not reads_as_sentence("The pier at Saltburn after the storm")
    assert not reads_as_sentence("'He was sent home,'")
