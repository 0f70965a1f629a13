"""Seq2SeqSummarizer against a tiny random BART loaded through the real Auto classes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from tidings.models.base import Document, Draft, NotReady, Summarizer
from tidings.models.summarizers.seq2seq import Seq2SeqSummarizer

# Tiny models on a shared CPU: one torch thread for the module (conftest).
pytestmark = pytest.mark.usefixtures("one_torch_thread")

ARTICLES = [
    "The minister said the budget would be presented on Tuesday. Officials confirmed that "
    "the bridge will reopen next week.",
    "Heavy rain caused flooding in several northern towns.",
    "According to the police, three people were arrested overnight. The court ruled that the "
    "law was unconstitutional. Prices for energy fell sharply during the summer months.",
    "The central bank kept interest rates unchanged.",
    "Scientists warned that temperatures could rise further.",
]


def doc(text: str) -> Document:
    return Document(text=text, language="en", sentences=())


@pytest.fixture(scope="module")
def summarizer(bart_dir: str) -> Seq2SeqSummarizer:
    return Seq2SeqSummarizer(bart_dir, device="cpu", max_new_tokens=12, num_beams=2)


@pytest.fixture(scope="module")
def greedy(bart_dir: str) -> Seq2SeqSummarizer:
    return Seq2SeqSummarizer(bart_dir, device="cpu", max_new_tokens=12, num_beams=1, batch_size=2)


def test_loads_through_auto_classes(summarizer: Seq2SeqSummarizer) -> None:
    assert type(summarizer.model).__name__ == "BartForConditionalGeneration"
    assert not summarizer.model.training
    assert summarizer.model.device.type == "cpu"
    assert summarizer.name == "seq2seq:tiny-bart"
    assert summarizer.abstractive is True
    assert isinstance(summarizer, Summarizer)
    # 1024 asked for, but the tiny model has only 128 positions.
    assert summarizer.max_input_tokens == 128


def test_generation_is_deterministic_and_unaligned(summarizer: Seq2SeqSummarizer) -> None:
    first = summarizer.summarize(doc(ARTICLES[0]), 3)
    second = summarizer.summarize(doc(ARTICLES[0]), 3)
    assert first == second
    assert first, "the tiny model is built to generate something"
    assert all(isinstance(d, Draft) and d.text and d.sentence_indices == () for d in first)


def test_batch_equals_one_at_a_time(greedy: Seq2SeqSummarizer) -> None:
    docs = [doc(text) for text in ARTICLES]
    singles = [greedy.summarize(d, 5) for d in docs]
    assert len({tuple(s) for s in singles}) > 1, "outputs must differ for the order to matter"
    assert greedy.summarize_many(docs, 5) == singles
    raw_singles = [greedy._generate([text])[0] for text in ARTICLES]
    assert greedy._generate(list(ARTICLES)) == raw_singles


def test_at_most_max_sentences(
    summarizer: Seq2SeqSummarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        summarizer, "_generate", lambda texts: [" One thing. Two things. Three. Four."] * len(texts)
    )
    drafts = summarizer.summarize_many([doc(ARTICLES[0]), doc(ARTICLES[1])], 2)
    assert [[d.text for d in ds] for ds in drafts] == [["One thing.", "Two things."]] * 2
    assert summarizer.summarize(doc(ARTICLES[0]), 0) == []


def test_real_output_respects_max_sentences(summarizer: Seq2SeqSummarizer) -> None:
    for text in ARTICLES:
        assert len(summarizer.summarize(doc(text), 1)) <= 1


def test_blank_documents_skip_the_model(
    summarizer: Seq2SeqSummarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(summarizer, "_generate", lambda texts: seen.append(texts) or ["X."])
    assert summarizer.summarize_many([doc("  \n"), doc(ARTICLES[1])], 3) == [
        [],
        [Draft(text="X.")],
    ]
    assert seen == [[ARTICLES[1]]]


def test_long_input_is_truncated_and_logged_without_text(
    summarizer: Seq2SeqSummarizer, caplog: pytest.LogCaptureFixture
) -> None:
    # Far past the 128 positions: without truncation the embedding lookup would fail.
    long_text = " ".join(ARTICLES * 20)
    with caplog.at_level(logging.DEBUG, logger="tidings.models.summarizers.seq2seq"):
        drafts = summarizer.summarize(doc(long_text), 3)
    assert len(drafts) <= 3
    messages = [r.getMessage() for r in caplog.records if "truncated" in r.getMessage()]
    assert messages and "to 128 tokens" in messages[0]
    assert not any("minister" in r.getMessage() for r in caplog.records)


def test_missing_weights_name_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-model-here"
    with pytest.raises(NotReady, match="no-model-here"):
        Seq2SeqSummarizer(str(missing), device="cpu")
    missing.mkdir()
    (missing / "config.json").write_text("{}")  # config without weights is not a model
    with pytest.raises(NotReady, match="no-model-here"):
        Seq2SeqSummarizer(str(missing), device="cpu")
    with pytest.raises(NotReady, match="nobody/no-such-summarizer"):
        Seq2SeqSummarizer("nobody/no-such-summarizer", device="cpu")


def test_bad_settings_are_rejected(bart_dir: str) -> None:
    with pytest.raises(ValueError, match="num_beams"):
        Seq2SeqSummarizer(bart_dir, device="cpu", num_beams=0)
