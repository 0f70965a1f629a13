"""EvidenceAligner: finds supporting article sentences for summary sentences, flags the rest."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from tidings.models.align import EvidenceAligner, content_words, lexical_recall
from tidings.models.base import Document
from tidings.models.embedding import MiniLMEmbedder
from tidings.models.segment import split_sentences

pytestmark = pytest.mark.slow

ARTICLE = """The European Commission fined the shipping group Nordhaven 410 million euros on \
Tuesday for fixing container freight prices with three rivals between 2015 and 2019.
Investigators found that senior managers had exchanged planned rate increases in private \
messages before announcing them to customers.
The company said it would appeal the decision at the General Court in Luxembourg.
Competition commissioner Ana Ribeiro said the cartel had raised the cost of importing everyday \
goods for millions of European households.
The three other carriers received reduced fines because they cooperated with the inquiry.
Shares in Nordhaven fell 6 percent in Copenhagen trading after the announcement.
Analysts at Danske Bank said the fine was smaller than markets had feared.
The Commission opened its investigation in 2020 after a tip from a former employee."""


class CountingEmbedder:
    """Wraps the real embedder and counts calls, to check the article is embedded once."""

    name = "counting"

    def __init__(self, inner: MiniLMEmbedder) -> None:
        self.inner = inner
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return self.inner.embed(texts)


@pytest.fixture(scope="module")
def aligner(embedder: MiniLMEmbedder) -> EvidenceAligner:
    return EvidenceAligner(embedder)


@pytest.fixture(scope="module")
def doc() -> Document:
    return Document(ARTICLE, "en", tuple(split_sentences(ARTICLE)))


def index_of(doc: Document, prefix: str) -> int:
    return next(i for i, s in enumerate(doc.sentences) if s.text.startswith(prefix))


def test_paraphrase_points_at_its_source(aligner: EvidenceAligner, doc: Document) -> None:
    appeal = index_of(doc, "The company said it would appeal")
    found = aligner.align(doc, "Nordhaven will challenge the decision at the General Court.")
    assert found.supported
    assert found.sentence_indices[0] == appeal
    assert found.evidence[0] == doc.sentences[appeal].span
    assert aligner.threshold <= found.support <= 1.0


def test_loose_paraphrase_still_ranks_the_source_first(
    aligner: EvidenceAligner, doc: Document
) -> None:
    # Few shared words: support may fall short, but the right sentence still scores best.
    scores = aligner.scores(doc, "Nordhaven plans to fight the EU ruling in court.")
    assert scores.shape == (len(doc.sentences),)
    assert int(np.argmax(scores)) == index_of(doc, "The company said it would appeal")


@pytest.mark.parametrize(
    "claim",
    [
        "The recipe calls for two cups of flour and a pinch of salt.",
        "The striker scored twice as Madrid beat Sevilla 3-1 on Sunday.",
    ],
)
def test_unrelated_sentence_is_flagged(aligner: EvidenceAligner, doc: Document, claim: str) -> None:
    found = aligner.align(doc, claim)
    assert not found.supported
    assert found.support < aligner.threshold
    # Nothing this weak is offered as evidence, so no attribution can be borrowed from it.
    assert found.evidence == ()


@pytest.mark.parametrize(
    "claim",
    [
        "The Commission also banned Nordhaven from bidding for public contracts for five years.",
        "Nordhaven chief executive Lars Holm announced his resignation on Wednesday.",
        # Close to "Shares in Nordhaven fell ...", which it contradicts: evidence, but flagged.
        "Nordhaven shares rose sharply after the company was cleared of all charges.",
    ],
)
def test_invented_claim_on_the_same_story_is_flagged(
    aligner: EvidenceAligner, doc: Document, claim: str
) -> None:
    # Same names and topic as the article, but the article never says this.
    assert not aligner.align(doc, claim).supported


def test_fused_sentence_cites_both_sources(aligner: EvidenceAligner, doc: Document) -> None:
    found = aligner.align(
        doc,
        "Nordhaven shares fell 6 percent, though analysts said the fine was smaller than feared.",
    )
    assert found.supported
    assert set(found.sentence_indices[:2]) == {
        index_of(doc, "Shares in Nordhaven"),
        index_of(doc, "Analysts at Danske Bank"),
    }
    assert len(found.evidence) == len(found.sentence_indices) <= 3
    for span, i in zip(found.evidence, found.sentence_indices, strict=True):
        assert span == doc.sentences[i].span


def test_align_many_embeds_article_once(embedder: MiniLMEmbedder, doc: Document) -> None:
    counting = CountingEmbedder(embedder)
    aligner = EvidenceAligner(counting)
    claims = [
        "The Commission fined Nordhaven 410 million euros for price fixing.",
        "The recipe calls for two cups of flour and a pinch of salt.",
        "A former employee tipped off the Commission in 2020.",
    ]
    batch = aligner.align_many(doc, claims)
    assert counting.calls == 1
    singles = [aligner.align(doc, c) for c in claims]
    assert [a.sentence_indices for a in batch] == [a.sentence_indices for a in singles]
    assert [a.supported for a in batch] == [True, False, True]
    np.testing.assert_allclose([a.support for a in batch], [a.support for a in singles], atol=1e-4)


def test_empty_inputs(aligner: EvidenceAligner, doc: Document) -> None:
    assert aligner.align_many(doc, []) == []
    empty = aligner.align(Document("", "en", ()), "Anything at all.")
    assert not empty.supported and empty.evidence == () and empty.support == 0.0


def test_content_words_and_lexical_recall() -> None:
    assert content_words("The minister resigned.") == content_words("Minister resigns")
    assert "the" not in content_words("The the THE of")
    claim = content_words("Nordhaven will appeal the decision")
    source = set(content_words("The company said it would appeal the decision"))
    bare = lexical_recall(claim, source, set())
    helped = lexical_recall(claim, source, set(), frozenset({"nordha"}), 0.5)
    assert 0.0 < bare < helped < 1.0
