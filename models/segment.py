"""Sentence splitting with exact character spans (pysbd, char_span=True).

Paragraph breaks always end a sentence, so the text is cut at newlines first and pysbd runs on
each paragraph; spans are then shifted back into the coordinates of the text as sent.
"""

from __future__ import annotations

import re

import pysbd
from tidings.models.base import Sentence, Span

# pysbd's own languages; others borrow the rules of a close relative, and the segmenter name
# says which rules ran.
_PYSBD_LANGUAGES = {
    "en",
    "hi",
    "mr",
    "zh",
    "es",
    "am",
    "ar",
    "hy",
    "bg",
    "ur",
    "ru",
    "pl",
    "fa",
    "nl",
    "da",
    "fr",
    "my",
    "el",
    "it",
    "ja",
    "de",
    "kk",
    "sk",
}
_BORROWED = {"ca": "es", "gl": "es", "pt": "es", "ast": "es", "oc": "fr", "ro": "it"}
_PARAGRAPH = re.compile(r"[^\n]+")


def rules_for(language: str) -> str:
    if language in _PYSBD_LANGUAGES:
        return language
    return _BORROWED.get(language, "en")


def _segmenter(rules: str) -> pysbd.Segmenter:
    # A new one per call, never a shared one: Segmenter.segment() keeps the text it is working
    # on in ``self.original_text`` and matches its sentences against that attribute, so two
    # threads segmenting at once with one Segmenter get sentences cut from each other's text.
    # Construction costs about a microsecond.
    return pysbd.Segmenter(language=rules, clean=False, char_span=False)


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Sentences of ``text`` with spans such that ``text[s.span.start:s.span.end] == s.text``.

    Leading and trailing whitespace is not part of any sentence.
    """
    segmenter = _segmenter(rules_for(language))
    sentences: list[Sentence] = []
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        chunk = para.group()
        cursor = 0
        # The processor's sentences, located here: Segmenter.segment() would locate them with
        # one new regular expression per sentence, which costs more than the segmenting and
        # flushes the re module's cache of everyone else's patterns.
        for piece in segmenter.processor(chunk).process() if chunk else ():
            stripped = piece.strip()
            if not stripped:
                continue
            found = chunk.find(stripped, cursor)
            if found < 0:  # pysbd normalised something (segment() drops these too)
                continue
            cursor = found + len(stripped)
            start = base + found
            sentences.append(Sentence(stripped, Span(start, start + len(stripped))))
    return sentences
