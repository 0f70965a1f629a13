"""Request checks, with messages a person understands. No gRPC types here.

Messages live in one enum so that they are consistent, testable and easy to review.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from enum import Enum
from typing import TypeVar

from tidings.models.base import InvalidInput, Unsupported

DEFAULT_MAX_SENTENCES = 3
MAX_SENTENCES = 4  # Tidings writes short summaries: 2-4 sentences
_LANG = re.compile(r"^[a-z]{2,3}$")


class Problem(Enum):
    EMPTY_TEXT = "{field} is empty: send the article body as plain text"
    TOO_LONG = "{field} has {n} characters; the limit is {limit}: split the article or send less"
    BAD_LANGUAGE = "{field} {value!r} is not an ISO 639-1 code such as 'en' or 'fr'"
    UNSUPPORTED_SOURCE = (
        "{field} {value!r} is not a language Tidings can read; it reads: {supported}"
    )
    UNSUPPORTED_TARGET = (
        "cannot translate from {source!r} to {value!r}; from {source!r} this server offers: "
        "{supported}"
    )
    DUPLICATE_TARGET = "target_languages lists {value!r} more than once"
    TOO_MANY_TARGETS = "target_languages has {n} languages; the limit is {limit}"
    MAX_SENTENCES = "max_sentences must be between 1 and {limit} (0 means {default}), not {n}"
    NO_TEXTS = "texts is empty: send at least one text to translate"
    TOO_MANY_TEXTS = "texts has {n} items; the limit is {limit} per call"
    EMPTY_ITEM = "texts[{n}] is empty"
    MISSING_TARGET = "target_language is required, e.g. 'es'"
    UNDETECTED = (
        "could not tell the language of {field} with confidence (best guess {guess}); "
        "set {hint} explicitly"
    )
    MISSING_ID = "every stream item needs a non-empty id"
    DUPLICATE_ID = "id {value!r} was already used in this stream"

    def error(self, **kw: object) -> InvalidInput:
        field = _FIELDS[self].format(**kw) if self in _FIELDS else str(kw.get("field", ""))
        return with_field(InvalidInput(self.value.format(**kw)), field)


# The request field each problem is about, where the message's arguments do not name it. Field
# paths are the proto's (article.text, texts[2]); errors.py sends them in a BadRequest detail.
_FIELDS = {
    Problem.DUPLICATE_TARGET: "target_languages",
    Problem.TOO_MANY_TARGETS: "target_languages",
    Problem.MAX_SENTENCES: "max_sentences",
    Problem.NO_TEXTS: "texts",
    Problem.TOO_MANY_TEXTS: "texts",
    Problem.EMPTY_ITEM: "texts[{n}]",
    Problem.MISSING_TARGET: "target_language",
    Problem.UNDETECTED: "{hint}",  # the language field to set; "field" names the text
    Problem.MISSING_ID: "id",
    Problem.DUPLICATE_ID: "id",
    # Summarize's name; errors.py reads it as target_language in a Translate request.
    Problem.UNSUPPORTED_TARGET: "target_languages",
}

E = TypeVar("E", bound=Exception)


def with_field(error: E, field: str) -> E:
    """The error, marked with the request field it is about. An attribute, not an argument:
    the exception types belong to the engines, and attributes survive the pickling that brings
    errors back from the model workers."""
    error.field = field  # type: ignore[attr-defined]
    return error


def field_of(error: BaseException) -> str:
    return getattr(error, "field", "") or ""


def check_text(text: str, field: str, limit: int) -> None:
    if not text.strip():
        raise Problem.EMPTY_TEXT.error(field=field)
    if len(text) > limit:
        raise Problem.TOO_LONG.error(field=field, n=len(text), limit=limit)


def normalise_language(value: str, field: str) -> str:
    code = value.strip().lower()
    if not _LANG.match(code):
        raise Problem.BAD_LANGUAGE.error(field=field, value=value)
    return code


def check_source_language(code: str, supported: Collection[str], field: str) -> None:
    if code not in supported:
        message = Problem.UNSUPPORTED_SOURCE.value.format(
            field=field, value=code, supported=", ".join(sorted(supported))
        )
        raise with_field(Unsupported(message), field)


def check_target(source: str, target: str, reachable: Collection[str]) -> None:
    if target != source and target not in reachable:
        offered = ", ".join(sorted(reachable)) or "no other language"
        message = Problem.UNSUPPORTED_TARGET.value.format(
            source=source, value=target, supported=offered
        )
        raise with_field(Unsupported(message), _FIELDS[Problem.UNSUPPORTED_TARGET])


def target_languages(values: Sequence[str], limit: int) -> list[str]:
    codes = [normalise_language(v, "target_languages") for v in values]
    if len(codes) > limit:
        raise Problem.TOO_MANY_TARGETS.error(n=len(codes), limit=limit)
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise Problem.DUPLICATE_TARGET.error(value=code)
        seen.add(code)
    return codes


def max_sentences(value: int) -> int:
    if value == 0:
        return DEFAULT_MAX_SENTENCES
    if not 1 <= value <= MAX_SENTENCES:
        raise Problem.MAX_SENTENCES.error(
            limit=MAX_SENTENCES, default=DEFAULT_MAX_SENTENCES, n=value
        )
    return value


def translate_texts(texts: Sequence[str], limit_texts: int, limit_chars: int) -> None:
    if not texts:
        raise Problem.NO_TEXTS.error()
    if len(texts) > limit_texts:
        raise Problem.TOO_MANY_TEXTS.error(n=len(texts), limit=limit_texts)
    for i, text in enumerate(texts):
        if not text.strip():
            raise Problem.EMPTY_ITEM.error(n=i)
    total = sum(len(t) for t in texts)
    if total > limit_chars:
        raise Problem.TOO_LONG.error(field="texts", n=total, limit=limit_chars)
