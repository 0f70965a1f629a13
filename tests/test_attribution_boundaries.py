"""English extractor: which words a cue reports when a quote or a clause stands next to it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extractor():
    from tidings.models.attribution.english import SpacyAttributionExtractor

    return SpacyAttributionExtractor()


def _cues(found):
    return {a.cue: a for a in found}


def test_quote_before_a_verb_with_its_own_clause_is_not_its_content(extractor):
    text = 'Amid chants of "Four more years!," the senator said his campaign was closing strong.'
    said = _cues(extractor.extract(text, "en"))["said"]
    assert said.source == "the senator"
    assert said.content == "his campaign was closing strong"


def test_quote_before_a_bare_reporting_verb_is_still_its_content(extractor):
    text = '"We will win this district," the senator said on Monday.'
    said = _cues(extractor.extract(text, "en"))["said"]
    assert said.content == '"We will win this district,"'


@pytest.mark.parametrize(
    "text",
    [
        "The bridge is unsafe, engineers fear the worst.",
        "A new stadium is a waste of money, the mayor opposes.",
        "The deal came together quickly, a pending lawsuit threatened.",
    ],
)
def test_clause_before_a_stance_or_object_verb_is_not_its_content(extractor, text):
    found = extractor.extract(text, "en")
    assert not any(a.content_span.end <= a.cue_span.start for a in found if a.cue_span)


def test_clause_before_a_plain_reporting_verb_is_its_content(extractor):
    found = extractor.extract("The new tax will hurt farmers, the governor warned.", "en")
    warned = _cues(found)["warned"]
    assert warned.content == "The new tax will hurt farmers"
    assert warned.source == "the governor"


def test_trailing_according_to_frames_the_whole_report(extractor):
    text = "The senator said the bill would pass, according to two aides."
    found = extractor.extract(text, "en")
    according = _cues(found)["according to"]
    assert according.source == "two aides"
    assert according.content == "The senator said the bill would pass"
    assert "said" not in _cues(found)  # reported inside the aides' account, not beside it


def test_trailing_participle_belongs_to_the_outermost_reporter(extractor):
    text = "Carson said he saw no need to change anything, telling reporters that he would win."
    telling = _cues(extractor.extract(text, "en"))["telling"]
    assert telling.source == "Carson"
    assert telling.content == "that he would win"
