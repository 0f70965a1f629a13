"""ListLanguages lists only what works: per article language, the summary languages a
translator reaches from it (or the article's own), checked against real calls."""

from __future__ import annotations

import pytest
from tidings.cli_format import format_languages
from tidings.client import TidingsError

ENGLISH = (
    "The minister said the budget would be presented on Tuesday. "
    "Officials confirmed that the bridge will reopen next week. "
    "According to the police, three people were arrested overnight."
)


@pytest.fixture(scope="module")
def languages(server):
    from tidings.client import Client

    with Client(server.target, timeout=60) as client:
        return client.languages()


def test_summary_languages_per_source_follow_the_translators(languages):
    by_source = {
        item.source_language: list(item.target_languages) for item in languages.summary_languages
    }
    assert set(by_source) == set(languages.source_languages)
    for source, targets in by_source.items():
        reached = {p.target for p in languages.translation_pairs if p.source == source}
        assert targets == sorted(reached | {source}), source
    assert set(languages.target_languages) == {t for ts in by_source.values() for t in ts}


def test_every_listed_language_works_and_unlisted_ones_do_not(client, languages):
    english = next(i for i in languages.summary_languages if i.source_language == "en")
    listed = list(english.target_languages)
    unlisted = sorted(set(languages.target_languages) - set(listed))
    assert unlisted, "every summary language is reachable from English: nothing to check"
    for start in range(0, len(listed), 8):
        chunk = listed[start : start + 8]
        response = client.summarize(ENGLISH, language="en", target_languages=chunk, max_sentences=1)
        assert [s.language for s in response.summaries] == chunk
    with pytest.raises(TidingsError, match="translate"):
        client.summarize(ENGLISH, language="en", target_languages=[unlisted[0]])
    text = format_languages(languages)
    line = next(x for x in text.splitlines() if x.strip().startswith("en →"))
    assert line.split("→")[1].strip() == ", ".join(listed)
    assert unlisted[0] not in line.split("→")[1].split(", ")
