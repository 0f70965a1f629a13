"""Lead-k: the first k sentences. News puts the key facts first, so this is the baseline to beat."""

from __future__ import annotations

from tidings.models.base import Document, Draft, InvalidInput


class LeadSummarizer:
    name = "lead"
    abstractive = False

    def summarize(self, document: Document, max_sentences: int) -> list[Draft]:
        if max_sentences < 1:
            raise InvalidInput("max_sentences must be at least 1")
        return [
            Draft(text=s.text, sentence_indices=(i,), score=1.0 / (i + 1))
            for i, s in enumerate(document.sentences[:max_sentences])
        ]
