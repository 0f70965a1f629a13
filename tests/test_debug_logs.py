"""Settings.debug: article text reaches the logs only when it is on."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from tidings.service.pipeline import Pipeline, SummaryRequest

TEXT = (
    "Zebulon Quartermaine said on Tuesday that the bridge over the Ouse would reopen in May. "
    "The council had closed it after cracks were found, according to a spokeswoman. "
    "Engineers expect repairs to cost four million pounds, officials said."
)


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{record.getMessage()} {vars(record)}" for record in caplog.records)


@pytest.mark.parametrize("debug", [False, True])
def test_article_text_is_logged_only_with_debug(pipeline, caplog, debug):
    settings = dataclasses.replace(pipeline.settings, debug=debug)
    debugged = Pipeline(pipeline.engines, settings)
    with caplog.at_level(logging.DEBUG):
        result = debugged.summarize(SummaryRequest(TEXT, language="en", max_sentences=2))
    assert result.summaries
    logged = _logged(caplog)
    assert "summarized" in logged
    assert ("Zebulon Quartermaine" in logged) is debug
    assert ("bridge over the Ouse" in logged) is debug
