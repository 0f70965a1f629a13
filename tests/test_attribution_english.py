"""SpacyAttributionExtractor on hand-written articles and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from tidings.models.base import Attribution, AttributionExtractor, AttributionKind, Unsupported

SEED = Path(__file__).resolve().parent.parent / "seeds" / "assad_moscow.txt"


@pytest.fixture(scope="module")
def extractor():
    from tidings.models.attribution.english import SpacyAttributionExtractor

    return SpacyAttributionExtractor()


def _by_cue(found: list[Attribution], cue: str) -> Attribution:
    matches = [a for a in found if a.cue == cue]
    assert matches, f"no attribution with cue {cue!r} in {[a.cue for a in found]}"
    return matches[0]


def _spans_hold(text: str, found: list[Attribution]) -> None:
    for a in found:
        assert text[a.content_span.start : a.content_span.end] == a.content
        if a.source_span is not None:
            assert text[a.source_span.start : a.source_span.end] == a.source
        if a.cue_span is not None:
            assert text[a.cue_span.start : a.cue_span.end] == a.cue
        assert a.content_fragments, "every attribution has at least one fragment"
        assert a.content_fragments[0].start == a.content_span.start
        assert a.content_fragments[-1].end == a.content_span.end


def test_protocol_and_language(extractor):
    assert isinstance(extractor, AttributionExtractor)
    assert extractor.languages() == {"en"}
    assert extractor.name == "spacy:en_core_web_sm-3.8.0"
    with pytest.raises(Unsupported):
        extractor.extract("El ministro dijo que no.", "es")
    assert extractor.extract("   ", "en") == []


def test_seed_article(extractor):
    text = SEED.read_text(encoding="utf-8")
    found = extractor.extract(text, "en")
    _spans_hold(text, found)

    tass = _by_cue(found, "according to")
    assert tass.source == "Russian state media outlet TASS"
    assert tass.source_named and tass.source_name == "TASS"
    assert tass.content.startswith("Former President Bashar al-Assad has reportedly fled Syria")

    government = _by_cue(found, "confirmed")
    assert government.source == "a source within the Russian government"
    assert not government.source_named
    assert government.content.startswith("Assad, accompanied by his family, sought refuge")

    trump = _by_cue(found, "remarked")
    assert trump.source == "Trump" and trump.source_name == "Donald Trump"
    assert trump.kind is AttributionKind.DIRECT
    assert trump.content == (
        "“Russia, led by Vladimir Putin, no longer had an interest in protecting him,”"
    )
    according_trump = _by_cue(found, "According to")
    assert according_trump.source == "U.S. President-elect Donald Trump"
    assert according_trump.source_name == "Donald Trump"

    kremlin = _by_cue(found, "told")
    assert kremlin.source == "A Kremlin source" and not kremlin.source_named
    assert kremlin.content.startswith("that Russia has long advocated")
    follow_up = _by_cue(found, "revealed")
    assert follow_up.source == "the source"
    assert follow_up.source_name == "A Kremlin source"

    experts = _by_cue(found, "suggest")
    assert experts.source == "Experts" and not experts.source_named
    assert experts.content.startswith("that the fall of Assad’s regime")

    guterres = _by_cue(found, "expressed")
    assert guterres.source == "United Nations Secretary-General Antonio Guterres"
    assert guterres.source_name == "Antonio Guterres" and guterres.source_named


def test_quote_continues_across_sentences_and_paragraphs(extractor):
    text = (
        "The council met on Monday.\n\n"
        '"We will not give up. The budget is fair," Jane Porter said. '
        '"Every school gets more money."\n\n'
        'Mark Ellis, the treasurer, said: "The numbers add up.\n\n'
        '"Nobody will pay more tax."\n\nThe vote is on Friday.'
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    porter = _by_cue(found, "said")
    assert porter.source == "Jane Porter"
    assert porter.kind is AttributionKind.DIRECT
    assert [text[f.start : f.end] for f in porter.content_fragments] == [
        '"We will not give up. The budget is fair,"',
        '"Every school gets more money."',
    ]
    ellis = [a for a in found if a.source_name == "Mark Ellis"]
    assert len(ellis) == 1
    assert ellis[0].source == "Mark Ellis, the treasurer,"
    assert [text[f.start : f.end] for f in ellis[0].content_fragments] == [
        '"The numbers add up.',
        '"Nobody will pay more tax."',
    ]


def test_interrupted_quote_and_nested_quote(extractor):
    text = (
        "“We are ready,” the minister said, “to talk to anyone.” "
        "“She told me ‘never again’ and walked out,” said Maria Lopez."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    minister = _by_cue(found, "said")
    assert minister.source == "the minister" and not minister.source_named
    assert [text[f.start : f.end] for f in minister.content_fragments] == [
        "“We are ready,”",
        "“to talk to anyone.”",
    ]
    lopez = [a for a in found if a.source == "Maria Lopez"]
    assert len(lopez) == 1
    assert lopez[0].content == "“She told me ‘never again’ and walked out,”"
    # The nested "She told me" is Lopez's words, not an attribution of its own.
    assert not any(a.cue == "told" for a in found)


def test_unnamed_sources_and_two_speakers(extractor):
    text = (
        "Officials said the talks had stalled. Senator Ann Kirby said the deal was dead, "
        "while Tom Reyes insisted that negotiations would continue."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    officials = [a for a in found if a.source == "Officials"]
    assert len(officials) == 1
    assert not officials[0].source_named and officials[0].source_name == "Officials"
    assert officials[0].content == "the talks had stalled"
    assert officials[0].kind is AttributionKind.INDIRECT
    kirby = [a for a in found if a.source == "Senator Ann Kirby"]
    reyes = [a for a in found if a.source == "Tom Reyes"]
    assert len(kirby) == 1 and len(reyes) == 1
    assert kirby[0].content == "the deal was dead"
    assert reyes[0].cue == "insisted"
    assert reyes[0].content == "that negotiations would continue"


def test_according_to_and_pronoun_follow_up(extractor):
    text = (
        "According to the health ministry, 40 people were injured.\n\n"
        "Donald Trump said the wall would be built. He added that Mexico would pay. "
        "Trump also said the border was closed."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    ministry = _by_cue(found, "According to")
    assert ministry.source == "the health ministry"
    assert ministry.content == "40 people were injured"
    added = _by_cue(found, "added")
    assert added.source == "He" and added.source_name == "Donald Trump" and added.source_named
    assert added.content == "that Mexico would pay"
    later = [a for a in found if a.source == "Trump"]
    assert later and later[0].source_name == "Donald Trump"


def test_mixed_quote_and_nothing_invented(extractor):
    text = (
        "The mayor said the plan was “dead on arrival” and would be scrapped. "
        "The storm damaged three houses and a school."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    assert len(found) == 1
    assert found[0].kind is AttributionKind.MIXED
    assert found[0].content == "the plan was “dead on arrival” and would be scrapped"


def test_non_ascii_offsets(extractor):
    text = (
        "🎉🎉 Fiesta time in Málaga! "
        "José Martínez, the mayor of Málaga, said that the fería would go ahead. "
        "“It’s a joy — truly 😊,” he added."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    mayor = _by_cue(found, "said")
    assert mayor.source == "José Martínez, the mayor of Málaga,"
    assert mayor.source_span.start == text.index("José")
    assert mayor.content == "that the fería would go ahead"
    joy = _by_cue(found, "added")
    assert joy.content == "“It’s a joy — truly 😊,”"
    assert joy.content_span.start == text.index("“It’s")
    assert joy.source == "he" and joy.source_name == "José Martínez"


def _find(found: list[Attribution], cue: str) -> Attribution | None:
    return next((a for a in found if a.cue == cue), None)


def test_parenthetical_cue_inside_the_claim(extractor):
    text = "The new budget, the treasurer said, would close the gap within two years."
    found = extractor.extract(text, "en")
    said = _by_cue(found, "said")
    assert said.source == "the treasurer"
    assert "would close the gap" in said.content


def test_gerund_cue_shares_the_main_subject(extractor):
    text = "The mayor answered by calling for a new audit of the port authority."
    found = extractor.extract(text, "en")
    call = _by_cue(found, "calling for")
    assert call.source == "The mayor"
    assert call.content == "a new audit of the port authority"


def test_impression_without_a_source(extractor):
    text = "The negotiators appear exhausted after the third night of talks."
    found = extractor.extract(text, "en")
    seen = _by_cue(found, "appear")
    assert seen.source is None
    assert seen.content.startswith("The negotiators appear exhausted")
    assert (
        _find(extractor.extract("The singer appeared on a late-night show.", "en"), "appeared")
        is None
    )


def test_poll_shows_a_finding(extractor):
    text = "A survey released on Monday shows the governor with a narrow lead."
    found = extractor.extract(text, "en")
    shows = _by_cue(found, "shows")
    assert shows.source == "A survey released on Monday"
    assert shows.content == "the governor with a narrow lead"


def test_passive_question_has_no_source(extractor):
    text = "The minister was asked whether the tax would rise next year."
    found = extractor.extract(text, "en")
    asked = _by_cue(found, "asked")
    assert asked.source is None
    assert asked.content.startswith("whether the tax would rise")


def test_noun_cues_with_a_holder(extractor):
    text = "The senator's claim that the bridge was unsafe was rejected by the council."
    found = extractor.extract(text, "en")
    claim = _by_cue(found, "claim")
    assert claim.source == "The senator's"
    assert claim.content.startswith("that the bridge was unsafe")
    text = "In the coach's view, the team needs a new striker."
    view = _by_cue(extractor.extract(text, "en"), "In the coach's view")
    assert view.source == "the coach's"
    assert view.content == "the team needs a new striker"


def test_possessor_of_a_message_is_the_source(extractor):
    text = "The union's statement said the strike would continue through May."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.source == "The union's"


def test_headline_name_colon_claim(extractor):
    text = "Lopez: The Harbor Plan Is Dead\n\nThe Latest: Storm closes two schools\n"
    found = extractor.extract(text, "en")
    colon = [a for a in found if a.cue == ":"]
    assert len(colon) == 1
    assert colon[0].source == "Lopez"
    assert colon[0].content == "The Harbor Plan Is Dead"


def test_source_span_conventions(extractor):
    text = (
        "9:05 a.m.\n\nGovernor Ann Lee said the vote would be delayed.\n\n"
        "Nearly half of the residents said the plan was too costly."
    )
    found = extractor.extract(text, "en")
    sources = {a.source for a in found}
    assert "Governor Ann Lee" in sources
    assert "Nearly half of the residents" in sources


def test_hoped_is_an_intention(extractor):
    text = "The chairman hoped to finish the merger before the summer."
    hoped = _by_cue(extractor.extract(text, "en"), "hoped")
    assert hoped.source == "The chairman"
    assert hoped.content.startswith("to finish the merger")


def test_trailing_participle_is_its_own_attribution(extractor):
    text = (
        "The mayor said the budget would be balanced by June, adding that two libraries "
        "would close."
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    said = _by_cue(found, "said")
    assert said.content == "the budget would be balanced by June"
    adding = _by_cue(found, "adding")
    assert adding.source == "The mayor"
    assert adding.content.startswith("that two libraries would close")


def test_single_quoted_speech_hides_first_person_cues(extractor):
    text = (
        "Coach Maria Alvarez was upbeat after the defeat. 'We played well,' said Alvarez. "
        "'I think the injuries will heal. We hope to win on Sunday.'"
    )
    found = extractor.extract(text, "en")
    _spans_hold(text, found)
    assert all(a.source not in ("I", "We") for a in found)
    said = _by_cue(found, "said")
    assert said.kind is AttributionKind.DIRECT
    assert said.source_name == "Maria Alvarez" and said.source_named
    assert len(said.content_fragments) == 2  # the next quote carries on her words


def test_apostrophes_do_not_open_single_quotes(extractor):
    text = "The players' union said it would strike, and 'tis the season for it."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.content.startswith("it would strike")


def test_named_source_behind_a_job_description(extractor):
    text = "Harbor Trust president and CEO Dana Whitfield said the fund would close in March."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.source == "Harbor Trust president and CEO Dana Whitfield"
    assert said.source_name == "Dana Whitfield" and said.source_named


def test_a_list_of_people_is_not_the_last_name(extractor):
    text = "The governor and Senator Bill Ames said the bridge would reopen."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.source_name != "Bill Ames"


def test_said_with_a_gerund_clause_or_a_plain_object(extractor):
    text = "The senator said raising the tax would hurt farmers. Her rival said the same."
    found = extractor.extract(text, "en")
    said = [a for a in found if a.cue == "said"]
    assert [a.content for a in said] == ["raising the tax would hurt farmers", "the same"]


def test_relative_that_is_credited_through_its_noun(extractor):
    text = "The council released a report that found the river was polluted."
    found = _by_cue(extractor.extract(text, "en"), "found")
    assert found.source == "a report"


def test_public_acts_need_a_person_or_organisation(extractor):
    text = (
        "Governor Ann Lee unveiled a plan to rebuild the harbor. "
        "The storm issued a reminder of the risks."
    )
    found = extractor.extract(text, "en")
    unveiled = _by_cue(found, "unveiled")
    assert unveiled.source == "Governor Ann Lee"
    assert unveiled.content.startswith("a plan to rebuild the harbor")
    assert all(a.cue != "issued" for a in found)


def test_set_off_reporting_clause_is_not_content(extractor):
    text = "Instead, she said, the board approved a loan for the mill."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.source == "she"
    assert [text[f.start : f.end] for f in said.content_fragments] == [
        "Instead",
        "the board approved a loan for the mill",
    ]


def test_relative_clause_cue(extractor):
    text = "The report, which the auditors said was flawed, was released on Monday."
    said = _by_cue(extractor.extract(text, "en"), "said")
    assert said.source == "the auditors"
    assert said.content == "was flawed"


def test_as_she_put_it(extractor):
    text = "The deal, as the mayor put it, is a gift to the city."
    found = _by_cue(extractor.extract(text, "en"), "put it")
    assert found.source == "the mayor"
    assert [text[f.start : f.end] for f in found.content_fragments] == [
        "The deal",
        "is a gift to the city",
    ]


def test_casting_someone_as_something(extractor):
    text = "The mayor sees the new bridge as a waste of money. The council considered the bill."
    found = extractor.extract(text, "en")
    sees = _by_cue(found, "sees")
    assert sees.content == "the new bridge as a waste of money"
    assert all(a.cue != "considered" for a in found)


def test_confidence_follows_the_source(extractor):
    text = (
        "Governor Ann Lee said the bridge would reopen. A neighbor said the bridge would "
        "reopen. I think the bridge will reopen."
    )
    found = extractor.extract(text, "en")
    lee, neighbor, writer = (
        next(a for a in found if a.source == s) for s in ("Governor Ann Lee", "A neighbor", "I")
    )
    assert lee.confidence > neighbor.confidence > writer.confidence
