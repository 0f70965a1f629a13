"""Month names and dates of English sources: made ready for Apertium, and the months it
misreads put back in the target's words (models/translators/months.py). Every sentence is
written for these tests."""

from __future__ import annotations

import pytest
from tidings.models.translators import months
from tidings.models.translators.apertium import ApertiumTranslator, installed_pairs


@pytest.mark.parametrize(
    ("text", "ready", "swaps"),
    [
        # A month Apertium misreads, where the text says a month: a stand-in the text lacks.
        ("They met in March 2016.", "They met in June 2016.", {"June": "March"}),
        ("Sales fell in May.", "Sales fell in June.", {"June": "May"}),
        ("By August, it was over.", "By June, it was over.", {"June": "August"}),
        ("The vote is on 5 April.", "The vote is on 5 June.", {"June": "April"}),
        # One stand-in per month; none the text names ("June" is taken here).
        ("Between March and August, and in June.", "Between July and October, and in June.",
         {"July": "March", "October": "August"}),
        # Not the month: a modal verb, a name's first word, no date around.
        ("May I ask a question?", "May I ask a question?", {}),
        ("April Ryan asked him.", "April Ryan asked him.", {}),
        ("They will march again.", "They will march again.", {}),
        ("He saw March there.", "He saw March there.", {}),
        # Months of one reading go through as written.
        ("It opened in June.", "It opened in June.", {}),
        # The American order, an ordinal day, part of a month or year.
        ("On March 5, 2016, he left.", "On 5 June 2016, he left.", {"June": "March"}),
        ("On June 5, he left.", "On 5 June, he left.", {}),
        ("It ran from June 5-7.", "It ran from June 5-7.", {}),
        ("He left on the 5th of July.", "He left on 5 July.", {}),
        ("He left on 21st October.", "He left on 21 October.", {}),
        ("Talks resumed in mid-July.", "Talks resumed in the middle of July.", {}),
        ("In early June 2016, he left.", "At the beginning of June 2016, he left.", {}),
        ("It must end by late 2016.", "It must end by the end of 2016.", {}),
        ("It was an early June deadline.", "It was an early June deadline.", {}),
    ],
)  # fmt: skip
def test_dates_are_made_ready_and_misread_months_stand_in(
    text: str, ready: str, swaps: dict[str, str]
) -> None:
    assert months.ready(text, "es") == (ready, swaps)


def test_a_month_inside_a_protected_term_is_left_as_written() -> None:
    text = "The March Hare spoke on March 5."
    # Not reordered either: a term must stay findable as written.
    assert months.ready(text, "es", ["March Hare"]) == (
        "The March Hare spoke on June 5.",
        {"June": "March"},
    )
    assert months.ready("Talks in March.", "es", ["Talks"]) == ("Talks in June.", {"June": "March"})


def test_a_stand_in_the_target_writes_in_the_text_is_not_used() -> None:
    # "Julio" is July in Spanish: July cannot stand in for March into Spanish.
    text, swaps = months.ready("Julio Iglesias sang in June and in March.", "es")
    assert swaps == {"October": "March"}
    assert months.ready("Julio Iglesias sang in March.", "fr")[1] == {"June": "March"}


def test_no_stand_in_for_a_target_without_month_names() -> None:
    assert months.ready("They met in March.", "xx") == ("They met in March.", {})


@pytest.mark.parametrize(
    ("translated", "target", "expected"),
    [
        ("Se reunieron en junio de 2016.", "es", "Se reunieron en marzo de 2016."),
        ("Junio fue frío.", "es", "Marzo fue frío."),
        ("Van conèixer el 5 de juny.", "ca", "Van conèixer el 5 d'abril."),
        ("Il est parti le 5 de juin.", "fr", "Il est parti le 5 d'avril."),
        ("Ha lasciato il 5 di giugno.", "it", "Ha lasciato il 5 d'aprile."),
        ("EN JUNHO", "pt", "EN ABRIL"),
        # A word that only contains the stand-in's letters is another word.
        ("Junior saiu em junho.", "pt", "Junior saiu em abril."),
    ],
)  # fmt: skip
def test_the_stand_in_goes_back_as_the_month(translated: str, target: str, expected: str) -> None:
    assert months.put_back(
        translated, {"June": "April" if target != "es" else "March"}, target
    ) == (expected)


@pytest.mark.skipif(("en", "es") not in installed_pairs(), reason="apertium-eng-spa missing")
@pytest.mark.parametrize("target", ["es", "ca", "gl", "fr", "it", "pt"])
def test_every_stand_in_comes_out_as_the_names_table_says(target: str) -> None:
    # Each stand-in must come out as the table's word, or its month would stay wrong.
    if ("en", target) not in installed_pairs():
        pytest.skip(f"no en->{target} route")
    names = months.NAMES[target].split()
    texts = [f"It happened in {m} 2016." for m in months.STAND_INS]
    with ApertiumTranslator() as engine:
        out = engine.translate(texts, "en", target)
    for month, translation in zip(months.STAND_INS, out, strict=True):
        assert names[months.MONTHS.index(month)] in translation.text.lower(), translation.text


@pytest.mark.skipif(("en", "es") not in installed_pairs(), reason="apertium-eng-spa missing")
def test_months_apertium_misread_come_out_as_months() -> None:
    texts = [
        "They met in March 2016.",
        "In April, he resigned.",
        "Sales rose in May.",
        "By August, the deal had collapsed.",
        "On March 5, 2016, he left.",
        "Talks resumed in mid-March.",
    ]
    with ApertiumTranslator() as engine:
        es = [t.text for t in engine.translate(texts, "en", "es")]
        fr = [t.text for t in engine.translate(texts, "en", "fr")]
        ca = [t.text for t in engine.translate(texts, "en", "ca")]
    assert "en marzo 2016" in es[0] and "abril" in es[1] and "mayo" in es[2]
    assert "agosto" in es[3] and "5 de marzo de 2016" in es[4] and "medio de marzo" in es[5]
    assert "mars 2016" in fr[0] and "avril" in fr[1] and "mai" in fr[2] and "août" in fr[3]
    assert "maig" in ca[2] and "5 de març de 2016" in ca[4] and "mig de març" in ca[5]
    for text in es + fr + ca:
        assert not any(m in text for m in ("March", "April", "May", "August", "mid")), text


def test_may_after_and_or_to_is_taken_for_the_name() -> None:
    assert months.ready("Johnson and May met in March.", "es") == (
        "Johnson and May met in June.",
        {"June": "March"},
    )
    assert months.ready("From March to August.", "es")[1] == {"June": "March", "July": "August"}


def test_the_callers_tags_and_entities_are_left_as_written() -> None:
    text = '<tweet date="March 4, 2016">Polls close in March.</tweet> &amp; May 5'
    assert months.ready(text, "es") == (
        '<tweet date="March 4, 2016">Polls close in June.</tweet> &amp; 5 July',
        {"June": "March", "July": "May"},
    )
