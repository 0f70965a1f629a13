"""Language identification with lingua (offline models), with a confidence the caller sees."""

from __future__ import annotations

from collections.abc import Iterable

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
from tidings.models.base import Detection


class LinguaDetector:
    """Detects among a fixed set of languages; below ``min_confidence`` it answers None.

    Restricting the candidates to the languages Tidings can do something with makes the
    detector faster and its confidences meaningful for the choice that matters.
    """

    name = "lingua"

    def __init__(self, languages: Iterable[str], min_confidence: float = 0.5) -> None:
        wanted = []
        for code in sorted(set(languages)):
            try:
                wanted.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
            except (AttributeError, ValueError):
                continue  # lingua does not know it: it cannot be detected, only declared
        if len(wanted) < 2:
            raise ValueError("language detection needs at least two candidate languages")
        self.languages = frozenset(_code(lang) for lang in wanted)
        self.min_confidence = min_confidence
        builder = LanguageDetectorBuilder.from_languages(*wanted)
        self._detector = builder.with_preloaded_language_models().build()

    def detect(self, text: str) -> Detection | None:
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return None
        best = values[0]
        if best.value < self.min_confidence:
            return None
        return Detection(_code(best.language), float(best.value))


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
