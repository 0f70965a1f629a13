"""Language identification with lingua (offline models), with a confidence the caller sees.

lingua spreads its confidence over every candidate language, so with nine candidates a short
text in plain English ("Hello world") rarely reaches an absolute 0.5. Short texts are
therefore also judged by margin: a clear leader over the runner-up is an answer. Names are the
other trap in short texts ("Zoë Müller said ..." reads half German): when the whole text is not
convincing, it is read again with its capitalised name runs left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
from tidings.models.base import Detection

# Below this many characters a text counts as short: margin and name masking apply.
SHORT_CHARS = 400
# A short text's leader must reach this confidence and lead the runner-up by this factor.
MARGIN_FLOOR = 0.28
MARGIN_RATIO = 1.5
# A declared language is contradicted when the detector gives another at least this much
# and the declared one at most CONTRADICT_DECLARED.
CONTRADICT_CONFIDENCE = 0.9
CONTRADICT_DECLARED = 0.05
CONTRADICT_MIN_CHARS = 40

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]['\"”’»)]*\s+|\n\s*)$")


class LinguaDetector:
    """Detects among a fixed set of languages; when not confident it answers None.

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

    def scores(self, text: str) -> list[tuple[str, float]]:
        """Every candidate language with its confidence, best first."""
        values = self._detector.compute_language_confidence_values(text)
        return [(_code(v.language), float(v.value)) for v in values]

    def guess(self, text: str) -> Detection | None:
        """The best candidate whatever its confidence (for error messages)."""
        scores = self.scores(text)
        return Detection(*scores[0]) if scores else None

    def detect(self, text: str) -> Detection | None:
        scores = self.scores(text)
        if not scores:
            return None
        if scores[0][1] >= self.min_confidence:
            return Detection(*scores[0])
        if len(text) > SHORT_CHARS:
            return None
        masked = mask_names(text)
        if masked != text and len(masked.strip()) >= 3:
            again = self.scores(masked)
            if again and again[0][1] >= self.min_confidence:
                return Detection(*again[0])
            if _clear_leader(again):
                return Detection(*again[0])
        return Detection(*scores[0]) if _clear_leader(scores) else None

    def contradiction(self, text: str, declared: str) -> Detection | None:
        """The language the text plainly is, when it is not ``declared``; else None.

        Only for a declared language the detector knows (lingua has no Galician, so a Galician
        text must not be called Portuguese), and only on texts long enough to be sure of.
        """
        if declared not in self.languages or len(text.strip()) < CONTRADICT_MIN_CHARS:
            return None
        scores = dict(self.scores(text[:4000]))
        if not scores:
            return None
        best = max(scores, key=scores.__getitem__)
        if (
            best != declared
            and scores[best] >= CONTRADICT_CONFIDENCE
            and scores.get(declared, 0.0) <= CONTRADICT_DECLARED
        ):
            return Detection(best, scores[best])
        return None


def _clear_leader(scores: list[tuple[str, float]]) -> bool:
    if not scores:
        return False
    best = scores[0][1]
    second = scores[1][1] if len(scores) > 1 else 0.0
    return best >= MARGIN_FLOOR and best >= MARGIN_RATIO * second


def mask_names(text: str) -> str:
    """The text without its capitalised word runs, except a sentence's lone first word.

    "Zoë Müller said the vote was close." -> "said the vote was close."; "The house is red."
    is unchanged: a capitalised first word followed by a lower-case one is ordinary prose.
    """
    words = list(_WORD.finditer(text))
    drop: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not words[i].group()[0].isupper():
            i += 1
            continue
        j = i
        while (
            j + 1 < len(words)
            and words[j + 1].group()[0].isupper()
            and not text[words[j].end() : words[j + 1].start()].strip()
        ):
            j += 1
        lone_first = j == i and _SENTENCE_START.search(text[: words[i].start()])
        if not lone_first:
            drop.append((words[i].start(), words[j].end()))
        i = j + 1
    out: list[str] = []
    pos = 0
    for start, end in drop:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
