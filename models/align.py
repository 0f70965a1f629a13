"""Evidence for summary sentences: which article sentences support what a summary says.

An abstractive engine may paraphrase, fuse two sentences, or invent. Embedding similarity alone
rewards topical closeness ("the minister spoke" vs. "the minister resigned" are close), and word
overlap alone misses paraphrase, so the support score blends MiniLM cosine with the share of the
summary sentence's content words and word pairs found in the article. Nothing is hidden: a
sentence below the threshold comes back with supported=False, still listing any article
sentences that clear the evidence floor, for the caller to show as weak support.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from tidings.models.base import Alignment, Document, Embedder

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# English function words: the claim lives in the other words. Other languages still get the
# embedding term and bigrams, and their stop words only dilute the lexical term a little.
_STOP = frozenset(
    """a an the and or but nor so yet of in on at to for from by with about as into onto over
    under after before between through during without within against among is are was were be
    been being am has have had having do does did doing will would shall should can could may
    might must it its it's this that these those there here their them they he him his she her
    hers we us our you your i me my mine who whom whose which what when where why how than then
    also just very too not no s t said says say told according more most such any all each
    both some new""".split()
)
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")


def _stem(word: str) -> str:
    # A crude suffix strip and a six-letter cap: enough to match "resigned"/"resignation"
    # and "talks"/"talked" without shipping a stemmer per language.
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_words(text: str) -> list[str]:
    words = (w.lower().replace("’", "'") for w in _TOKEN.findall(text))
    return [_stem(w.removesuffix("'s")) for w in words if w not in _STOP and len(w) > 1]


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


def lexical_recall(
    claim: list[str],
    source: set[str],
    source_bigrams: set[tuple[str, str]],
    context: frozenset[str] | set[str] = frozenset(),
    context_credit: float = 0.0,
) -> float:
    """Share of the claim's content unigrams and bigrams that the source contains.

    Words absent from the source but present elsewhere in the article (``context``) earn
    ``context_credit``: a summary names "Nordhaven" where the supporting sentence says "the
    company", and the name is still the article's, not an invention.
    """
    if not claim:
        return 0.0
    unigrams = set(claim)
    found = unigrams & source
    borrowed = (unigrams - found) & context
    uni = (len(found) + context_credit * len(borrowed)) / len(unigrams)
    pairs = _bigrams(claim)
    if not pairs:
        return uni
    return 0.6 * uni + 0.4 * len(pairs & source_bigrams) / len(pairs)


@dataclass(frozen=True)
class _Indexed:
    """A document's sentences, embedded and tokenised once for any number of claims."""

    vectors: np.ndarray
    words: list[set[str]]
    bigrams: list[set[tuple[str, str]]]
    vocabulary: frozenset[str]


class EvidenceAligner:
    name = "minilm-lexical-aligner"

    def __init__(
        self,
        embedder: Embedder,
        # Calibrated with `make eval-summary` on CNN/DM reference highlights: at 0.45 about 95%
        # of highlights are supported by their own article and about 97% are flagged against
        # the most similar other article (a flat optimum between 0.35 and 0.5).
        threshold: float = 0.45,
        *,
        floor: float = 0.3,
        relative_floor: float = 0.75,
        max_evidence: int = 3,
        cosine_weight: float = 0.5,
        context_credit: float = 0.5,
    ) -> None:
        if not 0.0 <= cosine_weight <= 1.0:
            raise ValueError("cosine_weight must be in [0, 1]")
        self.embedder = embedder
        self.threshold = threshold
        # Evidence beyond the best must clear both an absolute floor and a share of the best,
        # so a clear single source is not padded with loosely related sentences.
        self.floor = floor
        self.relative_floor = relative_floor
        self.max_evidence = max_evidence
        self.cosine_weight = cosine_weight
        self.context_credit = context_credit

    def align(self, document: Document, sentence: str) -> Alignment:
        return self.align_many(document, [sentence])[0]

    def align_many(self, document: Document, sentences: Sequence[str]) -> list[Alignment]:
        sentences = list(sentences)
        if not sentences:
            return []
        if not document.sentences:
            return [Alignment((), (), 0.0, False) for _ in sentences]
        index, claims = self._index(document, sentences)
        return [
            self._align_one(document, claim, claims[k], index) for k, claim in enumerate(sentences)
        ]

    def scores(self, document: Document, sentence: str) -> np.ndarray:
        """Support of ``sentence`` by each article sentence, in [0, 1] (for inspection)."""
        index, claims = self._index(document, [sentence])
        return self._scores(content_words(sentence), claims[0], index)

    def _index(self, document: Document, claims: list[str]) -> tuple[_Indexed, np.ndarray]:
        # One embedder call for the article and all claims: the article is embedded once.
        texts = [s.text for s in document.sentences]
        vectors = np.asarray(self.embedder.embed(texts + claims), dtype=np.float64)
        words = [content_words(t) for t in texts]
        sets = [set(w) for w in words]
        index = _Indexed(
            vectors[: len(texts)], sets, [_bigrams(w) for w in words], frozenset().union(*sets)
        )
        return index, vectors[len(texts) :]

    def _scores(self, claim: list[str], vector: np.ndarray, index: _Indexed) -> np.ndarray:
        cosine = np.clip(index.vectors @ vector, 0.0, 1.0)
        lexical = np.array(
            [
                lexical_recall(claim, w, b, index.vocabulary, self.context_credit)
                for w, b in zip(index.words, index.bigrams, strict=True)
            ]
        )
        return self.cosine_weight * cosine + (1.0 - self.cosine_weight) * lexical

    def _align_one(
        self, document: Document, sentence: str, vector: np.ndarray, index: _Indexed
    ) -> Alignment:
        claim = content_words(sentence)
        score = self._scores(claim, vector, index)
        # Stable sort on the negated score: ties keep article order, so output is deterministic.
        order = np.argsort(-score, kind="stable")
        best = float(score[order[0]])
        # Below the floor a sentence is not evidence at all: pointing at it would let the
        # renderer borrow its attribution for a claim it does not make.
        keep = [
            int(i)
            for i in order[: self.max_evidence]
            if score[i] >= self.floor and score[i] >= self.relative_floor * best
        ]
        support = best
        if len(keep) > 1:
            # A fused sentence: credit the words the evidence covers together.
            union = set().union(*(index.words[i] for i in keep))
            pairs = set().union(*(index.bigrams[i] for i in keep))
            cosine = float(np.clip(index.vectors[keep[0]] @ vector, 0.0, 1.0))
            lexical = lexical_recall(claim, union, pairs, index.vocabulary, self.context_credit)
            joint = self.cosine_weight * cosine + (1.0 - self.cosine_weight) * lexical
            support = max(support, joint)
        support = float(np.clip(support, 0.0, 1.0))
        supported = bool(keep) and support >= self.threshold
        if not supported:
            logger.debug("unsupported summary sentence (support %.2f): %r", support, sentence)
        return Alignment(
            evidence=tuple(document.sentences[i].span for i in keep),
            sentence_indices=tuple(keep),
            support=round(support, 4),
            supported=supported,
        )
