"""Neural translation with one seq2seq model per language pair (Helsinki-NLP/opus-mt-xx-yy).

Opus-mt models are trained on sentence pairs, so each text is cut into sentences (source
language rules), the sentences of all texts are translated in length-sorted batches, and each
text is put back together with its original inter-sentence whitespace.

Protected terms (names, quotes) are swapped for placeholders before translation and swapped
back afterwards. Besides the caller's terms, the names names.py finds in each text are kept
the same way (people, organisations, products, works; places are left to the model, which
knows their names in the target language). A model may mangle a placeholder; then the term
cannot be put back and its span is None, so callers can see it was lost rather than get a
silently corrupted sentence.

Texts are plain text: ``<``, ``>``, ``&``, tags and entities never reach the model (which
could drop or rewrite them); each sentence is cut around them, the pieces between are
translated, and the markup is put back verbatim where it stood (see plaintext.py).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from tidings.models.base import InvalidInput, Span, Translation, Unsupported
from tidings.models.hf_loading import (
    batched,
    configure_generation,
    count_truncated,
    display_name,
    load_seq2seq,
    resolve_device,
)
from tidings.models.segment import split_sentences

from . import kept_names
from .plaintext import MARKUP

log = logging.getLogger(__name__)

# Placeholders look like codes (capitals and a number), which MT models usually copy rather than
# translate; not verified against real opus-mt weights, hence the survival check in unmask().
# Several prefixes so that one already present in a text can be avoided.
PLACEHOLDER_PREFIXES = ("ZXQ", "QZX", "XQZ")


@dataclass
class _Masked:
    text: str
    terms: list[str]
    pattern: re.Pattern[str] | None  # matches any placeholder of this text; group 1 = index
    present: list[bool]  # term i occurred in the source and was replaced


def mask(text: str, terms: Sequence[str]) -> _Masked:
    """Replace each term's occurrences with a numbered placeholder (longest terms first)."""
    terms = list(terms)
    prefix = next((p for p in PLACEHOLDER_PREFIXES if p not in text.upper()), None)
    if prefix is None or not terms:
        return _Masked(text, terms, None, [False] * len(terms))
    present = [False] * len(terms)
    for i in sorted(range(len(terms)), key=lambda k: len(terms[k]), reverse=True):
        if terms[i] and terms[i] in text:
            text = text.replace(terms[i], f"{prefix}{i}")
            present[i] = True
    # Tolerate a space or a case change the model may introduce; (?!\d) keeps 1 apart from 10.
    pattern = re.compile(rf"{prefix}\s?(\d+)(?!\d)", re.IGNORECASE)
    return _Masked(text, terms, pattern, present)


def unmask(output: str, masked: _Masked) -> tuple[str, tuple[Span | None, ...]]:
    """Put the terms back; span i is where term i now stands, None if it could not be put back."""
    spans: list[Span | None] = [None] * len(masked.terms)
    if masked.pattern is None:
        return output, tuple(spans)
    pieces: list[str] = []
    cursor = 0
    length = 0
    for match in masked.pattern.finditer(output):
        index = int(match.group(1))
        if index >= len(masked.terms) or not masked.present[index]:
            continue  # not one of ours: leave the model's text alone
        before = output[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        term = masked.terms[index]
        if spans[index] is None:
            spans[index] = Span(length, length + len(term))
        pieces.append(term)
        length += len(term)
        cursor = match.end()
    pieces.append(output[cursor:])
    restored = "".join(pieces)
    # A term inside a longer protected term was replaced along with it: find it in there.
    for i, term in enumerate(masked.terms):
        if spans[i] is None and not masked.present[i] and term:
            for outer in (s for s in spans if s is not None):
                found = restored.find(term, outer.start, outer.end)
                if found >= 0:
                    spans[i] = Span(found, found + len(term))
                    break
    return restored, tuple(spans)


def _markup_split(sentence: str) -> list[str]:
    """The sentence cut into text and markup pieces, in order (markup at odd indexes)."""
    pieces: list[str] = []
    pos = 0
    for m in MARKUP.finditer(sentence):
        pieces += [sentence[pos : m.start()], m.group()]
        pos = m.end()
    pieces.append(sentence[pos:])
    return pieces


class Seq2SeqTranslator:
    name = "opus-mt"

    def __init__(
        self,
        models: dict[tuple[str, str], str],
        device: str = "auto",
        local_files_only: bool = True,
        num_beams: int = 4,
        max_new_tokens: int = 256,
        batch_size: int = 16,
        protect_names: bool = True,
    ) -> None:
        if not models:
            raise ValueError("Seq2SeqTranslator needs at least one (source, target) model")
        if min(num_beams, max_new_tokens, batch_size) < 1:
            raise ValueError("num_beams, max_new_tokens and batch_size must be at least 1")
        self.device = resolve_device(device)
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.protect_names = protect_names
        self._models = dict(models)
        # Everything loads now: health turns SERVING only once every pair can answer. A model
        # serving several pairs is loaded once.
        self._loaded: dict[str, tuple[Any, Any]] = {}
        for model in dict.fromkeys(self._models.values()):
            self._loaded[model] = load_seq2seq(model, self.device, local_files_only)
        self._limits: dict[str, int] = {}
        for model, (network, tokenizer) in self._loaded.items():
            configure_generation(network, max_new_tokens, num_beams)
            # Some tokenizers report a huge sentinel; the position embeddings are the real limit.
            positions = getattr(network.config, "max_position_embeddings", None) or 512
            self._limits[model] = min(tokenizer.model_max_length or positions, positions)
        self._locks = {model: threading.Lock() for model in self._loaded}

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._models)

    def describe_pair(self, source: str, target: str) -> tuple[str, str | None]:
        """The engine name a translation of this pair carries (no pivots here)."""
        model = self._models.get((source, target))
        if model is None:
            raise Unsupported(f"{self.name} has no model for {source}->{target}")
        return f"{self.name}:{display_name(model)}", None

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        protect: Sequence[Sequence[str]] = (),
    ) -> list[Translation]:
        engine, _ = self.describe_pair(source, target)
        model = self._models[(source, target)]
        if protect and len(protect) != len(texts):
            raise InvalidInput(
                f"protect has {len(protect)} entries for {len(texts)} texts: need one per text"
            )
        given = [list(protect[i]) if protect else [] for i in range(len(texts))]
        terms = given
        if self.protect_names:
            found = kept_names.to_protect(texts, source)
            terms = [g + [n for n in f if n not in g] for g, f in zip(given, found, strict=True)]
        masked = [mask(text, terms[i]) for i, text in enumerate(texts)]
        # Each text as (leading whitespace, sentence)*, trailing whitespace.
        layouts: list[list[tuple[str, int]]] = []
        tails: list[str] = []
        segments: list[str] = []
        for item in masked:
            layout: list[tuple[str, int]] = []
            verbatim: list[str] = []  # what stands before the next segment, copied as it is
            cursor = 0
            for sentence in split_sentences(item.text, source):
                verbatim.append(item.text[cursor : sentence.span.start])
                for n, piece in enumerate(_markup_split(sentence.text)):
                    core = piece.strip()
                    if n % 2 or not core:
                        verbatim.append(piece)
                        continue
                    lead = piece[: len(piece) - len(piece.lstrip())]
                    layout.append(("".join(verbatim) + lead, len(segments)))
                    segments.append(core)
                    verbatim = [piece[len(piece.rstrip()) :]]
                cursor = sentence.span.end
            layouts.append(layout)
            tails.append("".join(verbatim) + item.text[cursor:])
        outputs = self._translate_segments(model, segments)
        results: list[Translation] = []
        for item, layout, tail, own in zip(masked, layouts, tails, given, strict=True):
            joined = "".join(gap + outputs[k] for gap, k in layout) + tail
            text, spans = unmask(joined.strip(), item)
            lost = sum(1 for i, s in enumerate(spans) if s is None and item.present[i])
            if lost:
                log.warning("%s: %d protected term(s) lost in translation", engine, lost)
            # Spans of the caller's terms only: the names found here are the engine's business.
            spans = spans[: len(own)]
            results.append(Translation(text=text, engine=engine, protected_spans=spans))
        return results

    def _translate_segments(self, model: str, segments: list[str]) -> list[str]:
        """Translations of ``segments`` in their order, batched by similar length."""
        outputs = [""] * len(segments)
        order = sorted(range(len(segments)), key=lambda i: len(segments[i]), reverse=True)
        for chunk in batched(order, self.batch_size):
            translated = self._generate(model, [segments[i] for i in chunk])
            for i, out in zip(chunk, translated, strict=True):
                outputs[i] = out.strip()
        return outputs

    def _generate(self, model: str, texts: list[str]) -> list[str]:
        network, tokenizer = self._loaded[model]
        with self._locks[model], torch.inference_mode():
            limit = self._limits[model]
            for n in count_truncated(tokenizer, texts, limit):
                # Counts only, never the text.
                log.debug(
                    "%s: sentence truncated from %d to %d tokens", display_name(model), n, limit
                )
            batch = tokenizer(
                texts, truncation=True, max_length=limit, padding=True, return_tensors="pt"
            ).to(self.device)
            generated = network.generate(
                input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"],
            )
        return tokenizer.batch_decode(generated, skip_special_tokens=True)
