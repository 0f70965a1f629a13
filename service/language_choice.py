"""Which language a request's text is in: as given (checked against the detector), or detected.

A given language is obeyed, but when the detector plainly reads another one the choice carries
a warning the response passes on (an English article sent as "es" is flagged, not silently
translated as Spanish, and not refused either: the caller may know better).
A Translate batch is detected as a whole and text by text, so a failure names the text at fault
(by index: messages never quote the caller's text) and texts in different languages are told
apart instead of averaged into nonsense.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tidings.models.base import Detection, InvalidInput, LanguageDetector
from tidings.service import validation

# A text of a batch that reads as another language than the batch, at least this surely.
MIXED_CONFIDENCE = 0.8
MIXED_MIN_CHARS = 20

MIXED = (
    "the texts are not all in one language: {readings}; send one language per call or set "
    "source_language"
)
CONTRADICTED = (
    "{field} is {given!r}, but the text reads as {found!r} (confidence {confidence:.2f}); "
    "it was processed as {given!r} as asked"
)


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    detected: bool
    confidence: float
    # Set when a given language looks wrong: said to the caller, never acted on.
    warning: str = ""


def choose(
    detector: LanguageDetector,
    text: str,
    given: str | None,
    field: str,
    supported: Collection[str],
) -> LanguageChoice:
    if given:
        code = validation.normalise_language(given, field)
        validation.check_source_language(code, supported, field)
        return LanguageChoice(code, False, 1.0, _warning(detector, text, code, field))
    detection = detector.detect(text)
    if detection is None:
        raise validation.Problem.UNDETECTED.error(
            field="the text", guess=_guess(detector, text), hint=field
        )
    validation.check_source_language(detection.language, supported, field)
    return LanguageChoice(detection.language, True, detection.confidence)


def choose_batch(
    detector: LanguageDetector,
    texts: Sequence[str],
    given: str | None,
    field: str,
    supported: Collection[str],
) -> LanguageChoice:
    """One language for every text of a Translate call."""
    joined = "\n".join(texts)
    if given or len(texts) == 1:
        return choose(detector, joined, given, field, supported)
    whole = detector.detect(joined)
    each = [detector.detect(t) for t in texts]
    if whole is not None:
        strays = [
            i
            for i, d in enumerate(each)
            if d is not None
            and d.language != whole.language
            and d.confidence >= MIXED_CONFIDENCE
            and len(texts[i].strip()) >= MIXED_MIN_CHARS
        ]
        if strays:
            raise InvalidInput(MIXED.format(readings=_readings(each, whole)))
        validation.check_source_language(whole.language, supported, field)
        return LanguageChoice(whole.language, True, whole.confidence)
    found = {d.language for d in each if d is not None}
    if len(found) > 1:
        raise InvalidInput(MIXED.format(readings=_readings(each, None)))
    if found:
        (code,) = found
        validation.check_source_language(code, supported, field)
        confidence = min(d.confidence for d in each if d is not None)
        return LanguageChoice(code, True, confidence)
    failed = [
        f"texts[{i}] ({len(t)} characters, best guess {_guess(detector, t)})"
        for i, t in enumerate(texts)
    ]
    raise validation.Problem.UNDETECTED.error(
        field=", ".join(failed), guess="per text as listed", hint=field
    )


def _warning(detector: LanguageDetector, text: str, given: str, field: str) -> str:
    contradiction = getattr(detector, "contradiction", None)
    found: Detection | None = contradiction(text, given) if contradiction else None
    if found is None:
        return ""
    return CONTRADICTED.format(
        field=field, given=given, found=found.language, confidence=found.confidence
    )


def _guess(detector: LanguageDetector, text: str) -> str:
    guess = getattr(detector, "guess", None)
    found: Detection | None = guess(text) if guess else None
    return f"{found.language} at {found.confidence:.2f}" if found else "none"


def _readings(each: Sequence[Detection | None], whole: Detection | None) -> str:
    parts = []
    for i, d in enumerate(each):
        reading = d.language if d is not None else "unclear"
        parts.append(f"texts[{i}] reads as {reading}")
    if whole is not None:
        parts.append(f"all together as {whole.language}")
    return "; ".join(parts)
