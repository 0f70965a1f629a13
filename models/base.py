"""Domain types and the small protocols every engine implements.

No gRPC and no torch here: the servicer converts these to and from the proto at the edge, and
engines are swapped by name in the registry. Offsets are Unicode code points into the text
exactly as the caller sent it (Python ``str`` indices), end exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Sentence:
    text: str
    span: Span


@dataclass(frozen=True)
class Detection:
    """A language identification: ISO 639-1 code and the detector's confidence in [0, 1]."""

    language: str
    confidence: float


class AttributionKind(Enum):
    DIRECT = "direct"  # the content is a quotation
    INDIRECT = "indirect"  # reported speech, no quotation marks
    MIXED = "mixed"  # reported speech with a quoted fragment inside


@dataclass(frozen=True)
class Attribution:
    """Who said (or reported, or believes) what, with spans into the article text.

    ``source``/``cue`` are None when the text does not state them: never invented.
    """

    content: str
    content_span: Span
    kind: AttributionKind
    confidence: float
    source: str | None = None
    source_span: Span | None = None
    # One canonical name per speaker across mentions ("he" -> "Donald Trump"); for unnamed
    # sources ("a Kremlin source", "experts") it is the source's own words.
    source_name: str | None = None
    source_named: bool = False
    cue: str | None = None
    cue_span: Span | None = None
    # The pieces of an interrupted quote; a single piece equals content_span.
    content_fragments: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Document:
    """An article after the shared analysis steps, as every summarizer sees it."""

    text: str
    language: str
    sentences: tuple[Sentence, ...]
    attributions: tuple[Attribution, ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class Draft:
    """One summary sentence as a summarizer produced it, before rendering and translation.

    Extractive engines fill ``sentence_indices`` (into Document.sentences); abstractive engines
    leave it empty and the aligner finds the evidence.
    """

    text: str
    sentence_indices: tuple[int, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class Alignment:
    """Evidence for one summary sentence: article spans that support it, and how well."""

    evidence: tuple[Span, ...]
    sentence_indices: tuple[int, ...]
    support: float
    supported: bool


@dataclass(frozen=True)
class Translation:
    text: str
    engine: str  # e.g. "apertium:eng-spa" or "apertium:eng-spa|spa-ita" for a pivot
    pivot: str | None = None
    # Spans (into ``text``) of protected terms, in the order they were given.
    protected_spans: tuple[Span | None, ...] = field(default=())
    # Source words the engine had no translation for: said another way (word, what it wrote
    # instead), or left as written. Reported to the caller as warnings.
    reworded: tuple[tuple[str, str], ...] = field(default=())
    untranslated: tuple[str, ...] = field(default=())


@runtime_checkable
class Embedder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised sentence embeddings, shape (len(texts), dim)."""
        ...


@runtime_checkable
class Summarizer(Protocol):
    name: str
    abstractive: bool

    def summarize(self, document: Document, max_sentences: int) -> list[Draft]: ...


@runtime_checkable
class Translator(Protocol):
    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """(source, target) ISO 639-1 pairs this engine can translate, pivots included."""
        ...

    def describe_pair(self, source: str, target: str) -> tuple[str, str | None]:
        """The engine name translations of this pair carry, and the pivot language if any."""
        ...

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        protect: Sequence[Sequence[str]] = (),
    ) -> list[Translation]:
        """Translate each text; ``protect[i]`` lists terms in texts[i] to keep verbatim."""
        ...


@runtime_checkable
class AttributionExtractor(Protocol):
    name: str

    def languages(self) -> set[str]: ...

    def extract(self, text: str, language: str) -> list[Attribution]: ...


@runtime_checkable
class LanguageDetector(Protocol):
    name: str

    def detect(self, text: str) -> Detection | None:
        """None when no language can be told with enough confidence."""
        ...


class EngineError(Exception):
    """Base for the domain errors that service/errors.py maps to gRPC status codes."""


class InvalidInput(EngineError):
    pass


class Unsupported(EngineError):
    pass


class NotReady(EngineError):
    pass


# What may run an encoder (settings embedder_runtime, attribution_runtime; onnx_encoder.py).
ENCODER_RUNTIMES = ("torch", "torch-int8", "onnx", "onnx-int8")


class Overloaded(EngineError):
    """RESOURCE_EXHAUSTED; ``retry_after`` (seconds, None: unknown) becomes its RetryInfo."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.retry_after))
