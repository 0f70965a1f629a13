"""CentralitySummarizer and LeadSummarizer on hand-written articles and the seed."""

from __future__ import annotations

import os
import re

import pytest
from tidings.models.base import (
    Attribution,
    AttributionKind,
    Document,
    InvalidInput,
    Sentence,
    Span,
)
from tidings.models.embedding import MiniLMEmbedder
from tidings.models.segment import split_sentences
from tidings.models.summarizers.centrality import (
    CentralitySummarizer,
    PlainCentralitySummarizer,
    attributed_sentences,
    is_filler,
    pacsum_centrality,
)
from tidings.models.summarizers.clean import summary_sentences
from tidings.models.summarizers.lead import LeadSummarizer

pytestmark = pytest.mark.slow

SEED = os.path.join(os.path.dirname(__file__), "..", "seeds", "assad_moscow.txt")

FINE = """BRUSSELS (Reuters) -
The European Commission fined the shipping group Nordhaven 410 million euros on Tuesday \
for fixing container freight prices with three rivals between 2015 and 2019.
Investigators found that senior managers had exchanged planned rate increases in private \
messages before announcing them to customers.
The company said it would appeal the decision at the General Court in Luxembourg.
Competition commissioner Ana Ribeiro said the cartel had raised the cost of importing \
everyday goods for millions of European households.
READ ALSO: Port strike ends after pay deal
The three other carriers received reduced fines because they cooperated with the inquiry.
Shares in Nordhaven fell 6 percent in Copenhagen trading after the announcement.
Analysts at Danske Bank said the fine was smaller than markets had feared.
Photo: AFP
The Commission opened its investigation in 2020 after a tip from a former employee."""


@pytest.fixture(scope="module")
def summarizer(embedder: MiniLMEmbedder) -> CentralitySummarizer:
    return CentralitySummarizer(embedder)


def document(text: str, attributions: tuple[Attribution, ...] = ()) -> Document:
    return Document(text, "en", tuple(split_sentences(text)), attributions)


def said(doc: Document, index: int, confidence: float = 0.9) -> Attribution:
    sentence = doc.sentences[index]
    return Attribution(sentence.text, sentence.span, AttributionKind.INDIRECT, confidence)


def index_of(doc: Document, prefix: str) -> int:
    return next(i for i, s in enumerate(doc.sentences) if s.text.startswith(prefix))


@pytest.mark.parametrize("k", [1, 2, 3, 4, 10])
def test_exact_sentences_in_article_order(summarizer: CentralitySummarizer, k: int) -> None:
    doc = document(FINE)
    drafts = summarizer.summarize(doc, k)
    assert 1 <= len(drafts) <= k
    if k >= 2:
        assert 2 <= len(drafts) <= 4
    indices = [d.sentence_indices for d in drafts]
    assert all(len(i) == 1 for i in indices)
    flat = [i[0] for i in indices]
    assert flat == sorted(set(flat))
    for draft, i in zip(drafts, flat, strict=True):
        assert draft.text == doc.sentences[i].text
        assert doc.sentences[i].span.of(doc.text) == draft.text


def test_filler_and_datelines_never_picked(summarizer: CentralitySummarizer) -> None:
    doc = document(FINE)
    texts = [d.text for d in summarizer.summarize(doc, 10)]
    assert not any(t.startswith(("READ ALSO", "Photo:", "BRUSSELS")) for t in texts)
    # The dateline does not count as the lead: the real first sentence opens the summary.
    assert texts[0].startswith("The European Commission fined")


def test_deterministic(embedder: MiniLMEmbedder) -> None:
    doc = document(FINE, (said(document(FINE), 4),))
    first = CentralitySummarizer(embedder).summarize(doc, 3)
    again = CentralitySummarizer(embedder).summarize(doc, 3)
    assert first == again


def test_prefers_attributed_claims(summarizer: CentralitySummarizer) -> None:
    bare = document(FINE)
    appeal = index_of(bare, "The company said it would appeal")
    without = [d.sentence_indices[0] for d in summarizer.summarize(bare, 2)]
    assert appeal not in without
    claimed = document(FINE, (said(bare, appeal),))
    with_claim = [d.sentence_indices[0] for d in summarizer.summarize(claimed, 2)]
    assert appeal in with_claim


def test_plain_ignores_attributions(embedder: MiniLMEmbedder) -> None:
    plain = PlainCentralitySummarizer(embedder)
    assert plain.name != CentralitySummarizer.name
    bare = document(FINE)
    claimed = document(FINE, tuple(said(bare, i) for i in range(len(bare.sentences))))
    assert plain.summarize(bare, 3) == plain.summarize(claimed, 3)


def test_seed_summary_keeps_the_moscow_asylum_fact(summarizer: CentralitySummarizer) -> None:
    with open(SEED, encoding="utf-8") as fh:
        text = fh.read()
    drafts = summarizer.summarize(document(text), 3)
    assert len(drafts) == 3
    assert any(re.search(r"Moscow|asylum", d.text) for d in drafts)
    assert not any(d.text.startswith("READ ALSO") for d in drafts)


def test_short_and_degenerate_articles(summarizer: CentralitySummarizer) -> None:
    one = document("The bridge reopened to traffic on Monday after two years of repairs.")
    assert [d.sentence_indices for d in summarizer.summarize(one, 3)] == [(0,)]
    # Every line is too short to pass the filler filter: fragments beat an empty summary.
    terse = document("Fire at mill.\nREAD ALSO: Storm warning\nNo injuries.\nRoad closed.")
    drafts = summarizer.summarize(terse, 3)
    assert 1 <= len(drafts) <= 3
    assert not any(d.text.startswith("READ ALSO") for d in drafts)
    assert summarizer.summarize(Document("", "en", ()), 3) == []
    with pytest.raises(InvalidInput):
        summarizer.summarize(one, 0)


def test_lead_baseline() -> None:
    doc = document(FINE)
    drafts = LeadSummarizer().summarize(doc, 3)
    assert [d.sentence_indices for d in drafts] == [(0,), (1,), (2,)]
    assert [d.text for d in drafts] == [s.text for s in doc.sentences[:3]]


def test_is_filler() -> None:
    assert is_filler("READ ALSO: Burkina Faso junta sacks prime minister, dissolves government", 6)
    assert is_filler("WASHINGTON (AP) —", 1)
    assert is_filler("By Jane Smith", 1)
    assert is_filler("Too short here.", 6)
    assert not is_filler("Photographers gathered outside the court as the verdict was read.", 6)
    assert not is_filler("By Friday, rebel factions claimed control over several key cities.", 6)
    assert is_filler("By Jane Smith, Chief Political Correspondent", 1)
    assert is_filler("Published: 12:03 EST, 3 April 2015", 1)
    assert is_filler("Watch the full interview with the minister here", 6)
    assert not is_filler("Video footage showed police arriving at the scene.", 6)
    assert not is_filler("Subscribers will pay more from next month, the company said.", 6)
    # Run-on "sentences" (captions glued together) are dropped by length.
    assert is_filler("word " * 120, 6, max_words=100)


def test_pacsum_direction() -> None:
    import numpy as np

    # 0 and 2 are alike; 1 is unrelated. Forward edges credit the earlier of the pair.
    sim = np.array([[1.0, 0.1, 0.9], [0.1, 1.0, 0.1], [0.9, 0.1, 1.0]])
    forward = pacsum_centrality(sim, beta=0.0, lambda_forward=1.0, lambda_backward=-0.5)
    assert forward[0] > forward[1] > forward[2]


def test_attribution_inside_sentence_only() -> None:
    sentences = (Sentence("A said x.", Span(0, 9)), Sentence("B did y.", Span(10, 18)))
    doc = Document("A said x. B did y.", "en", sentences)
    inside = Attribution("x", Span(7, 8), AttributionKind.INDIRECT, 0.7, "A", Span(0, 1))
    across = Attribution("x. B", Span(7, 12), AttributionKind.INDIRECT, 0.9)
    weights = attributed_sentences(Document(doc.text, "en", sentences, (inside, across)))
    assert weights.tolist() == [0.7, 0.0]


# A picture-led page as scraped: a caption glued to the lead (no full stop between them), a
# dateline, a "Scroll down" promo, and a caption glued to a later sentence.
PICTURE_PAGE = """(CNN)Rescuers pulled a hiker from a ravine in the Pyrenees on Sunday after \
a two-day search A mountain rescue team lowered a stretcher into the gorge near the village of \
Vielha on Sunday morning.
The hiker, a 41-year-old teacher from Toulouse, had been missing since Friday evening.
She had fallen while walking alone and broke her leg, the regional police said.
Scroll down for video Rescue: volunteers carry the stretcher out of the gorge on Sunday \
afternoon The police said she was in a stable condition in hospital in Lleida.
Her family thanked the volunteers who joined the search in freezing rain.
The mountain rescue service said hikers should always tell someone where they are going."""


def clean_document(text: str, attributions: tuple[Attribution, ...] = ()) -> Document:
    return Document(text, "en", tuple(summary_sentences(text)), attributions)


def test_summary_sentences_are_clean(summarizer: CentralitySummarizer) -> None:
    doc = clean_document(PICTURE_PAGE)
    drafts = summarizer.summarize(doc, 4)
    texts = [d.text for d in drafts]
    assert texts[0] == (
        "A mountain rescue team lowered a stretcher into the gorge near the village of Vielha "
        "on Sunday morning."
    )
    for draft in drafts:
        sentence = doc.sentences[draft.sentence_indices[0]]
        assert sentence.span.of(doc.text) == draft.text
        assert draft.text.endswith(".")
        assert not draft.text.startswith(("(CNN)", "Scroll", "Rescue:", "Rescuers pulled"))
        assert "Scroll down" not in draft.text and "afternoon The police" not in draft.text


def test_lead_kept_unless_justified(summarizer: CentralitySummarizer) -> None:
    # Nothing to justify leaving the lead: the first three clean sentences, in order.
    bare = document(FINE)
    first = [i for i, s in enumerate(bare.sentences) if not is_filler(s.text, 6)][:3]
    assert [d.sentence_indices[0] for d in summarizer.summarize(bare, 3)] == first
    # An attributed claim at the end of the article does not push the lead out: the bonus is
    # worth less than one place.
    last = len(bare.sentences) - 1
    claimed = document(FINE, (said(bare, last),))
    assert [d.sentence_indices[0] for d in summarizer.summarize(claimed, 3)] == first


def test_lead_of_a_picture_page_skips_captions(summarizer: CentralitySummarizer) -> None:
    doc = clean_document(PICTURE_PAGE)
    picked = [d.text for d in summarizer.summarize(doc, 3)]
    assert picked == [
        "A mountain rescue team lowered a stretcher into the gorge near the village of Vielha "
        "on Sunday morning.",
        "The hiker, a 41-year-old teacher from Toulouse, had been missing since Friday evening.",
        "She had fallen while walking alone and broke her leg, the regional police said.",
    ]
