"""Abstractive summaries from a seq2seq checkpoint (e.g. sshleifer/distilbart-cnn-12-6).

The model writes new sentences, so Drafts carry no sentence indices: the aligner finds the
evidence for each one afterwards. Generation is deterministic (beam search, no sampling) so a
request summarised twice gets the same answer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import torch
from tidings.models.base import Document, Draft, InvalidInput
from tidings.models.hf_loading import (
    batched,
    configure_generation,
    count_truncated,
    display_name,
    load_seq2seq,
    resolve_device,
)
from tidings.models.segment import split_sentences

log = logging.getLogger(__name__)


class Seq2SeqSummarizer:
    abstractive = True

    def __init__(
        self,
        model: str,
        device: str = "auto",
        local_files_only: bool = True,
        max_input_tokens: int = 1024,
        max_new_tokens: int = 142,
        num_beams: int = 4,
        batch_size: int = 4,
    ) -> None:
        for label, value in (
            ("max_input_tokens", max_input_tokens),
            ("max_new_tokens", max_new_tokens),
            ("num_beams", num_beams),
            ("batch_size", batch_size),
        ):
            if value < 1:
                raise ValueError(f"{label} must be at least 1, got {value}")
        self.name = f"seq2seq:{display_name(model)}"
        self.device = resolve_device(device)
        # Loaded here, not on first request: the server reports SERVING only after this.
        self.model, self.tokenizer = load_seq2seq(model, self.device, local_files_only)
        # Past the position embeddings the model cannot read at all, whatever was configured.
        limit = getattr(self.model.config, "max_position_embeddings", None)
        self.max_input_tokens = min(max_input_tokens, limit) if limit else max_input_tokens
        self.max_new_tokens = max_new_tokens
        self.num_beams = num_beams
        self.batch_size = batch_size
        configure_generation(self.model, max_new_tokens, num_beams)
        # Fast tokenizers reject concurrent calls that change padding/truncation ("Already
        # borrowed"), and CPU generation gains nothing from overlapping: one batch at a time.
        self._lock = threading.Lock()

    def summarize(self, document: Document, max_sentences: int) -> list[Draft]:
        return self.summarize_many([document], max_sentences)[0]

    def summarize_many(
        self, documents: Sequence[Document], max_sentences: int
    ) -> list[list[Draft]]:
        """One list of Drafts per document, in order, generated in padded batches."""
        if max_sentences < 0:
            raise InvalidInput(f"max_sentences must not be negative, got {max_sentences}")
        results: list[list[Draft]] = [[] for _ in documents]
        if max_sentences == 0:
            return results
        todo = [i for i, doc in enumerate(documents) if doc.text.strip()]
        # Similar lengths in one batch waste less compute on padding.
        todo.sort(key=lambda i: len(documents[i].text), reverse=True)
        for chunk in batched(todo, self.batch_size):
            outputs = self._generate([documents[i].text for i in chunk])
            for i, output in zip(chunk, outputs, strict=True):
                results[i] = self._drafts(output, documents[i].language, max_sentences)
        return results

    def _drafts(self, output: str, language: str, max_sentences: int) -> list[Draft]:
        sentences = split_sentences(output.strip(), language)
        return [Draft(text=s.text) for s in sentences[:max_sentences]]

    def _generate(self, texts: list[str]) -> list[str]:
        """Decoded model outputs for ``texts``, one per text."""
        with self._lock, torch.inference_mode():
            for n in count_truncated(self.tokenizer, texts, self.max_input_tokens):
                # Counts only: article text never goes to the logs.
                log.debug(
                    "%s: input truncated from %d to %d tokens", self.name, n, self.max_input_tokens
                )
            batch = self.tokenizer(
                texts,
                truncation=True,
                max_length=self.max_input_tokens,
                padding=True,
                return_tensors="pt",
            ).to(self.device)
            generated = self.model.generate(
                input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"],
            )
        return self.tokenizer.batch_decode(generated, skip_special_tokens=True)
